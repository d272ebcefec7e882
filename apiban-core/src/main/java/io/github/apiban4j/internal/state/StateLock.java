package io.github.apiban4j.internal.state;

import io.github.apiban4j.StateFileException;
import io.github.apiban4j.StateLockedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exclusive lock on a state file, held from {@link StateFile#lock()} until {@link #close()}.
 * Other processes see it as a POSIX record lock on {@code <state>.lock}; other callers in this JVM
 * see it through a registry, checked before the lock file is even opened.
 *
 * <h2>Why the registry</h2>
 * POSIX record locks belong to the process, and closing <em>any</em> descriptor of the file
 * releases all of the process's locks on it. A second attempt in the same JVM that opened the lock
 * file, found it locked and closed it again would silently unlock the first holder for every other
 * process. So a lock held in this JVM is found by the lock file's identity (device and inode)
 * without opening it.
 *
 * <p>The lock file is never deleted: a process waiting to lock the old file would then lock an
 * unlinked inode while a third locks the new one.
 */
public final class StateLock implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.github.apiban4j");
  private static final long HOLDER_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  private static final long HOLDER_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final Pattern HOLDER = Pattern.compile("pid (\\d{1,19}) since (\\S{1,64})\\n?");

  /** Guards {@link #HELD} and the check-then-lock sequence. */
  private static final Object GUARD = new Object();
  /** Locks held by this JVM, by lock file identity. */
  private static final Map<Object, StateLock> HELD = new HashMap<>();
  /** Channels that must stay open; see {@link #acquire}. */
  private static final List<FileChannel> PARKED = new ArrayList<>();

  private final Path stateFile;
  private final Path lockFile;
  private final Object identity;
  private final FileChannel channel;
  private final FileLock lock;
  private final Instant since;
  private boolean closed;

  private StateLock(Path stateFile, Path lockFile, Object identity, FileChannel channel,
      FileLock lock, Instant since) {
    this.stateFile = stateFile;
    this.lockFile = lockFile;
    this.identity = identity;
    this.channel = channel;
    this.lock = lock;
    this.since = since;
  }

  static StateLock acquire(Path stateFile, Path lockFile, Clock clock) throws IOException {
    synchronized (GUARD) {
      StateFile.createDirectory(stateFile, lockFile.toAbsolutePath().getParent());
      Object identity = identity(stateFile, lockFile);
      StateLock mine = identity == null ? null : HELD.get(identity);
      if (mine != null) {
        throw new StateLockedException(stateFile, lockFile,
            OptionalLong.of(ProcessHandle.current().pid()), mine.since);
      }
      Instant since = clock.instant();
      // Built before the lock is taken: a second run that finds the file locked while it is
      // still empty waits only for this one small write.
      byte[] holder = holderText(since);
      FileChannel channel = open(stateFile, lockFile);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        // Held in this JVM, but not through StateLock (code that locks the file directly). Closing
        // this channel would release that lock for other processes, so it stays open.
        PARKED.add(channel);
        throw new StateLockedException(stateFile, lockFile,
            OptionalLong.of(ProcessHandle.current().pid()), null);
      } catch (IOException e) {
        closeQuietly(channel);
        throw new StateFileException(stateFile, "cannot lock " + lockFile + ": " + reason(e), e);
      }
      if (lock == null) {
        StateLockedException locked = lockedByOther(stateFile, lockFile, channel);
        closeQuietly(channel); // this process holds no lock on the file: closing releases nothing
        throw locked;
      }
      try {
        recordHolder(channel, holder);
        identity = identity(stateFile, lockFile);
      } catch (IOException e) {
        closeQuietly(channel);
        throw new StateFileException(stateFile, "cannot write " + lockFile + ": " + reason(e), e);
      }
      if (identity == null) {
        identity = lockFile.toAbsolutePath().normalize();
      }
      StateFile.deleteAbandonedTemps(stateFile); // no save can be running now
      StateLock held = new StateLock(stateFile, lockFile, identity, channel, lock, since);
      HELD.put(held.identity, held);
      return held;
    }
  }

  /** The lock file's device and inode, or {@code null} if it does not exist yet. */
  private static Object identity(Path stateFile, Path lockFile) throws IOException {
    try {
      BasicFileAttributes attrs =
          Files.readAttributes(lockFile, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attrs.isSymbolicLink()) {
        throw symlink(stateFile, lockFile);
      }
      Object key = attrs.fileKey();
      return key != null ? key : lockFile.toAbsolutePath().normalize();
    } catch (NoSuchFileException e) {
      return null;
    } catch (FileSystemException e) {
      throw new StateFileException(stateFile,
          "cannot read the attributes of the lock file " + lockFile + ": " + reason(e), e);
    }
  }

  private static FileChannel open(Path stateFile, Path lockFile) throws IOException {
    try {
      return FileChannel.open(lockFile,
          Set.<OpenOption>of(StandardOpenOption.CREATE, StandardOpenOption.READ,
              StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
          StateFile.OWNER_ONLY_FILE);
    } catch (FileSystemException e) {
      if (StateFile.isSymlinkLoop(e)) {
        throw symlink(stateFile, lockFile);
      }
      throw new StateFileException(stateFile, "cannot open the lock file " + lockFile + ": "
          + reason(e) + StateFile.accessHint(e, lockFile), e);
    }
  }

  private static StateFileException symlink(Path stateFile, Path lockFile) {
    return new StateFileException(stateFile, "the lock file " + lockFile
        + " is a symbolic link; apiban4j refuses to follow it: remove it");
  }

  private static byte[] holderText(Instant since) {
    return ("pid " + ProcessHandle.current().pid() + " since " + since + "\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Leaves "pid N since T" in the lock file, for the message a second run shows. */
  private static void recordHolder(FileChannel channel, byte[] text) throws IOException {
    channel.truncate(0);
    ByteBuffer buffer = ByteBuffer.wrap(text);
    while (buffer.hasRemaining()) {
      channel.write(buffer, buffer.position());
    }
  }

  private static StateLockedException lockedByOther(Path stateFile, Path lockFile,
      FileChannel channel) {
    // The holder writes its line just after it takes the lock; a run that arrives in between
    // reads an empty file, so it looks again for a short while before calling the holder unknown.
    // Other text (an older client's, another tool's) is not waited for: this runs under GUARD,
    // which every lock of this JVM needs.
    long deadline = System.nanoTime() + HOLDER_WAIT_NANOS;
    while (true) {
      String text = readHolder(channel);
      Matcher m = HOLDER.matcher(text);
      if (m.matches()) {
        try {
          return new StateLockedException(stateFile, lockFile,
              OptionalLong.of(Long.parseLong(m.group(1))), Instant.parse(m.group(2)));
        } catch (NumberFormatException | DateTimeParseException e) {
          break; // foreign text that happens to look like ours
        }
      }
      boolean beingWritten = text.isEmpty() || text.startsWith("pid ") && !text.endsWith("\n");
      if (!beingWritten || System.nanoTime() - deadline >= 0) {
        break;
      }
      LockSupport.parkNanos(HOLDER_POLL_NANOS);
    }
    // An old apiban4j or another tool left other text: the lock itself is what matters.
    return new StateLockedException(stateFile, lockFile, OptionalLong.empty(), null);
  }

  private static String readHolder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(128);
      while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
        // read what the holder wrote; it is short
      }
      return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return "";
    }
  }

  static String reason(IOException e) {
    return StateFile.reason(e);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was written through it
    }
  }

  /** The state file this lock guards. */
  public Path stateFile() {
    return stateFile;
  }

  /** The lock file. */
  public Path lockFile() {
    return lockFile;
  }

  /** When this lock was taken. */
  public Instant since() {
    return since;
  }

  /** Whether this lock is still held. */
  public boolean isHeld() {
    synchronized (GUARD) {
      return !closed;
    }
  }

  /** Releases the lock. Idempotent; the lock file stays. */
  @Override
  public void close() {
    synchronized (GUARD) {
      if (closed) {
        return;
      }
      closed = true;
      HELD.remove(identity, this);
      try {
        // Cleared while still held, so that a run that finds the next holder's lock before it has
        // written its line waits for that line instead of naming this process.
        channel.truncate(0);
      } catch (IOException e) {
        // only the message of a later refusal is affected
      }
      try {
        lock.release();
      } catch (IOException e) {
        // closing the channel below releases it as well
      }
      try {
        channel.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "closing lock file {0}: {1}", lockFile, reason(e));
      }
    }
  }

  @Override
  public String toString() {
    return "StateLock[" + lockFile + (isHeld() ? ", held since " + since : ", released") + "]";
  }
}
