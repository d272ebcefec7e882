package io.github.apiban4j.internal.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One running process and the three threads that feed and drain it. Used once, by
 * {@link ProcessCommandRunner#run}.
 */
final class Execution {
  private static final int CHUNK = 64 * 1024;

  private final Command command;
  private final String shown;
  private final Process process;
  private final long outputLimit;
  private final AtomicLong captured = new AtomicLong();
  private volatile boolean overflowed;

  private final Drain stdout;
  private final Drain stderr;
  private final Thread feeder;

  Execution(Command command, String shown, Process process, long outputLimit) {
    this.command = command;
    this.shown = shown;
    this.process = process;
    this.outputLimit = outputLimit;
    String tag = "apiban-exec-" + process.pid();
    this.stdout = new Drain(process.getInputStream());
    this.stderr = new Drain(process.getErrorStream());
    stdout.thread = daemon(stdout, tag + "-stdout");
    stderr.thread = daemon(stderr, tag + "-stderr");
    byte[] input = command.stdinUnsafe();
    this.feeder = input.length == 0 ? null : daemon(() -> feed(input), tag + "-stdin");
  }

  private static Thread daemon(Runnable body, String name) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }

  /** Starts the threads, waits for the end (or the time limit) and collects the result. */
  CommandResult await() throws IOException {
    stdout.thread.start();
    stderr.thread.start();
    if (feeder == null) {
      closeQuietly(process.getOutputStream());
    } else {
      feeder.start();
    }
    long deadline = System.nanoTime() + command.timeout().toNanos();
    try {
      if (!process.waitFor(remaining(deadline), TimeUnit.NANOSECONDS)) {
        ProcessCommandRunner.kill(process);
        throw new CommandTimeoutException(shown, command.timeout(), process.pid());
      }
      // The pipes close when the last process holding them exits; a background child of the
      // program could keep them open, and that counts against the same time limit.
      stdout.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))));
      stderr.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))));
      if (stdout.thread.isAlive() || stderr.thread.isAlive()) {
        ProcessCommandRunner.kill(process);
        throw new CommandTimeoutException(shown, command.timeout(), process.pid());
      }
    } catch (InterruptedException e) {
      ProcessCommandRunner.kill(process);
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException("interrupted while running " + shown
          + "; the process was killed");
      io.initCause(e);
      throw io;
    }
    if (overflowed) {
      throw new CommandOutputLimitException(shown, outputLimit);
    }
    IOException failure = stdout.failure != null ? stdout.failure : stderr.failure;
    if (failure != null) {
      throw new CommandException(shown, "reading the output of " + shown + " failed: "
          + failure.getMessage(), failure);
    }
    return new CommandResult(command, process.exitValue(), stdout.buffer.toByteArray(),
        stderr.buffer.toByteArray());
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  private void feed(byte[] input) {
    try (OutputStream in = process.getOutputStream()) {
      in.write(input);
    } catch (IOException e) {
      // The program exited or closed its input without reading all of it ("Broken pipe"). That is
      // its business: its exit status and stderr say whether it was happy.
    }
  }

  private static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException e) {
      // nothing was written; nothing to lose
    }
  }

  /** Reads one of the process's output streams to its end into memory, within the shared limit. */
  private final class Drain implements Runnable {
    final InputStream source;
    final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    Thread thread;
    volatile IOException failure;

    Drain(InputStream source) {
      this.source = source;
    }

    @Override
    public void run() {
      byte[] chunk = new byte[CHUNK];
      try (InputStream in = source) {
        int n;
        while ((n = in.read(chunk)) >= 0) {
          if (captured.addAndGet(n) > outputLimit) {
            overflowed = true;
            // Stop the producer now rather than read on to the time limit.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return;
          }
          buffer.write(chunk, 0, n);
        }
      } catch (IOException e) {
        failure = e;
      }
    }
  }
}
