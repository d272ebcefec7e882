package io.github.apiban4j.ipset.netlink.internal.jnr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a piece of work inside another network namespace, on a fresh thread that enters it with
 * {@code setns}. {@code setns} switches only the calling thread, and sockets keep the namespace they
 * were created in, so the thread can simply end afterwards: nothing else ever runs on it.
 */
final class NamespaceThread {
  private NamespaceThread() {}

  interface Work<T> {
    T run() throws IOException;
  }

  static <T> T call(LibC libc, Path namespace, Work<T> work) throws IOException {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        enter(libc, namespace);
        result.set(work.run());
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "apiban-netns-open");
    thread.setDaemon(true);
    thread.start();
    // The open takes microseconds; waiting through an interrupt (and passing it on afterwards)
    // means the socket it returns always has an owner that will close it.
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable t = failure.get();
    if (t instanceof IOException io) {
      throw io;
    }
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error err) {
      throw err;
    }
    return result.get();
  }

  private static void enter(LibC libc, Path namespace) throws ErrnoException {
    int fd = libc.open(namespace.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
    if (fd < 0) {
      throw new ErrnoException("open(" + namespace + ")", NativeLibC.errno());
    }
    try {
      if (libc.setns(fd, LibC.CLONE_NEWNET) != 0) {
        throw new ErrnoException("setns(" + namespace + ", CLONE_NEWNET)", NativeLibC.errno());
      }
    } finally {
      libc.close(fd);
    }
  }
}
