package io.github.apiban4j.internal.state;

import io.github.apiban4j.StateFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * The sync state on disk: one JSON file (see {@code StateCodec}), owner-only, never holding the
 * key.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #save} is atomic: a reader sees the old file or the new one, also after a crash or a
 *       power cut. A failed save leaves the old file as it was and throws a {@link
 *       StateFileException}. A symbolic link at the state path is replaced, never written through.
 *   <li>{@link #load} never follows a symbolic link and never fails on content: an unparseable file
 *       is moved aside to {@code <name>.corrupt-<UTC time>} and reported as {@link
 *       LoadResult.Corrupt}, so the next run recovers with a full resync instead of failing
 *       forever.
 *       It throws only for conditions an operator must fix (permissions, a link, a directory).
 *   <li>{@link #lock} keeps two runs from interleaving; take it before loading and hold it until
 *       after the last save. Taking it also removes the temp files of a save that was killed.
 * </ul>
 */
public final class StateFile {
  private static final System.Logger LOG = System.getLogger("io.github.apiban4j");

  static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  /** Far above any real state (a million entries take about 40 MB); guards memory. */
  static final long MAX_BYTES = 256L << 20;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SAVE_CONSEQUENCE =
      "the previous state is intact; the next run fetches the same pages again";

  private final Path path;
  private final Clock clock;
  private final long maxBytes;

  public StateFile(Path path) {
    this(path, Clock.systemUTC(), MAX_BYTES);
  }

  /** With the clock that names moved-aside files and stamps the lock (tests). */
  StateFile(Path path, Clock clock) {
    this(path, clock, MAX_BYTES);
  }

  /** With a smaller size cap as well (tests). */
  StateFile(Path path, Clock clock, long maxBytes) {
    this.path = Objects.requireNonNull(path, "path");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxBytes = maxBytes;
    if (path.getFileName() == null) {
      throw new IllegalArgumentException("the state path " + path + " names no file");
    }
  }

  public Path path() {
    return path;
  }

  @Override
  public String toString() {
    return "StateFile[" + path + "]";
  }

  /** {@code <state path>.lock}. */
  public Path lockPath() {
    return path.resolveSibling(name() + ".lock");
  }

  private String name() {
    return path.getFileName().toString();
  }

  private Path directory() {
    return path.toAbsolutePath().getParent();
  }

  /**
   * Takes the exclusive lock on this state, without waiting. Creates the directory (0700) and the
   * lock file (0600) if missing.
   *
   * @throws io.github.apiban4j.StateLockedException if another process, or another caller in this
   *     JVM, holds it
   * @throws StateFileException if the lock file cannot be created or opened (a symbolic link,
   *     permissions)
   */
  public StateLock lock() throws IOException {
    return StateLock.acquire(path, lockPath(), clock);
  }

  /**
   * Reads the state.
   *
   * @return {@link LoadResult.Missing} if there is no file, {@link LoadResult.Loaded}, or {@link
   *     LoadResult.Corrupt} after moving an unparseable file aside
   * @throws StateFileException if the path is a symbolic link or not a regular file, if the file
   *     cannot be read (permissions), or if a corrupt file cannot be moved aside
   */
  public LoadResult load() throws IOException {
    return load(true);
  }

  /**
   * Reads the state; with {@code setAside} false a corrupt file stays where it is ({@link
   * LoadResult.Corrupt#movedTo()} is then the file itself), for a dry run that must change nothing.
   */
  public LoadResult load(boolean setAside) throws IOException {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return new LoadResult.Missing();
    } catch (IOException e) {
      throw readFailed(e);
    }
    if (attrs.isSymbolicLink()) {
      throw symlinkRefused();
    }
    if (!attrs.isRegularFile()) {
      throw new StateFileException(path, "the state file " + path
          + " is not a regular file; move it away, and the next run starts with a full resync");
    }
    Buffer content;
    try {
      content = readAll();
    } catch (NoSuchFileException e) {
      return new LoadResult.Missing(); // removed since the check above
    } catch (IOException e) {
      throw readFailed(e);
    }
    try {
      if (content == null) {
        throw new CorruptStateException("the file is larger than " + maxBytes
            + " bytes, far more than any real state");
      }
      return new LoadResult.Loaded(StateCodec.read(content));
    } catch (CorruptStateException e) {
      return new LoadResult.Corrupt(e.getMessage(), setAside ? moveAside(e.getMessage()) : path);
    }
  }

  /** The whole file, or {@code null} if it exceeds the size cap. */
  private Buffer readAll() throws IOException {
    // NOFOLLOW_LINKS again: the path may have become a link since the check.
    try (FileChannel channel =
            FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        InputStream in = Channels.newInputStream(channel);
        Source source = Okio.source(in)) {
      Buffer buffer = new Buffer();
      while (source.read(buffer, 64 * 1024) != -1) {
        if (buffer.size() > maxBytes) {
          return null; // cannot be a state; reading on would only exhaust memory
        }
      }
      return buffer;
    }
  }

  private StateFileException readFailed(IOException e) {
    if (e instanceof FileSystemException fse && isSymlinkLoop(fse)) {
      return symlinkRefused();
    }
    return new StateFileException(path, "cannot read the state file " + path + ": " + reason(e)
        + accessHint(e, path), e);
  }

  private StateFileException symlinkRefused() {
    return new StateFileException(path, "the state file " + path + " is a symbolic link;"
        + " apiban4j refuses to follow it: point the state path at the real file, or remove the"
        + " link");
  }

  /** Renames the unparseable file to {@code <name>.corrupt-<UTC time>}, never over another one. */
  private Path moveAside(String reason) throws IOException {
    String base = name() + ".corrupt-" + STAMP.format(clock.instant());
    Path target = path.resolveSibling(base);
    for (int n = 1; ; n++) {
      try {
        // Without ATOMIC_MOVE, an existing target is an error rather than replaced.
        Files.move(path, target);
        break;
      } catch (FileAlreadyExistsException e) {
        if (n > 100) {
          throw cannotMoveAside(reason, e);
        }
        target = path.resolveSibling(base + "-" + n);
      } catch (IOException e) {
        throw cannotMoveAside(reason, e);
      }
    }
    syncDirectory();
    // The caller reports the Corrupt result; this is only the trace of the move.
    LOG.log(System.Logger.Level.DEBUG, "state file {0} is corrupt ({1}); moved it to {2}",
        path, reason, target);
    return target;
  }

  private StateFileException cannotMoveAside(String reason, IOException e) {
    return new StateFileException(path, "the state file " + path + " is corrupt (" + reason
        + ") and cannot be moved aside: " + reason(e) + "; move or delete it, and the next run"
        + " starts with a full resync", e);
  }

  /**
   * Replaces the state file with {@code state}, atomically and durably.
   *
   * @throws IllegalArgumentException if {@code state} holds a value the format cannot hold (a
   *     cursor that is not 1 to 20 digits, a negative seen time)
   * @throws StateFileException if it cannot be written; the message names the file and the cause,
   *     and the previous file is unchanged
   */
  public void save(StoredState state) throws IOException {
    StateCodec.validate(state);
    Path dir = directory();
    Path temp = null;
    boolean moved = false;
    try {
      createDirectory(path, dir);
      temp = dir.resolve("." + name() + ".tmp-" + randomHex());
      // CREATE_NEW and NOFOLLOW_LINKS: never reuse or write through something planted at the name.
      try (FileChannel channel = FileChannel.open(temp,
          Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS),
          OWNER_ONLY_FILE)) {
        // The umask may have taken more than the group and other bits: make it exactly 0600.
        Files.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
            .setPermissions(OWNER_ONLY);
        BufferedSink sink = Okio.buffer(Okio.sink(Channels.newOutputStream(channel)));
        StateCodec.write(state, sink);
        sink.flush();
        channel.force(true);
      }
      // rename(2) replaces a symbolic link at the target instead of writing through it.
      Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
    } catch (IOException e) {
      throw new StateFileException(path, "cannot save the state file " + path + ": " + reason(e)
          + where(e) + "; " + SAVE_CONSEQUENCE, e);
    } finally {
      if (!moved && temp != null) {
        deleteTemp(temp);
      }
    }
    syncDirectory();
  }

  /** The file an error is about, when it is not the state file itself (a directory, the temp). */
  private String where(IOException e) {
    if (e instanceof FileSystemException fse && fse.getFile() != null
        && !Path.of(fse.getFile()).equals(path)) {
      return " (at " + fse.getFile() + ")";
    }
    return "";
  }

  /**
   * Deletes the temp files of saves that were killed before they could clean up. Only the lock
   * holder may do this: a temp file of a running save would look the same. Best effort: a leftover
   * only takes space.
   */
  static void deleteAbandonedTemps(Path stateFile) {
    Path dir = stateFile.toAbsolutePath().getParent();
    String prefix = "." + stateFile.getFileName() + ".tmp-";
    try (DirectoryStream<Path> temps =
        Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(prefix))) {
      for (Path temp : temps) {
        if (Files.isRegularFile(temp, LinkOption.NOFOLLOW_LINKS)) {
          deleteTemp(temp);
        }
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot list {0} for abandoned temp files: {1}", dir,
          reason(e));
    }
  }

  private static void deleteTemp(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot delete the temporary file {0}: {1}", temp,
          reason(e));
    }
  }

  /** Makes the rename durable. Best effort: whichever file survives a crash is a valid state. */
  private void syncDirectory() {
    Path dir = directory();
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING,
          "cannot sync directory {0}: {1}; the state file may revert to its previous version after"
              + " a crash, which costs only a repeated fetch", dir, reason(e));
    }
  }

  /** Creates the state file's directory, owner-only, if it does not exist. */
  static void createDirectory(Path stateFile, Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.createDirectories(dir, OWNER_ONLY_DIRECTORY);
    } catch (IOException e) {
      throw new StateFileException(stateFile, "cannot create the state directory " + dir + ": "
          + reason(e) + accessHint(e, dir), e);
    }
  }

  private static String randomHex() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** What the operating system said: "No space left on device", "Permission denied", … */
  static String reason(IOException e) {
    if (e instanceof StateFileException) {
      return e.getMessage();
    }
    if (e instanceof FileSystemException fse) {
      if (fse.getReason() != null) {
        return fse.getReason();
      }
      if (e instanceof AccessDeniedException) {
        return "Permission denied";
      }
      if (e instanceof FileAlreadyExistsException) {
        return "File exists";
      }
      return e.getClass().getSimpleName();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** What to do about a permission error on {@code file}; empty for other errors. */
  static String accessHint(IOException e, Path file) {
    if (!(e instanceof AccessDeniedException)) {
      return "";
    }
    return "; run apiban4j as the user that owns " + file + " (see ls -l), or give that user"
        + " read and write access to it and its directory";
  }

  /** Whether opening with NOFOLLOW_LINKS failed because the path is a symbolic link (ELOOP). */
  static boolean isSymlinkLoop(FileSystemException e) {
    String r = e.getReason();
    return r != null && r.contains("symbolic link");
  }
}
