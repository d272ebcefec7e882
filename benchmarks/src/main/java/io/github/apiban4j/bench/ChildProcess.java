package io.github.apiban4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a program, with its wall time and its peak resident memory. The peak is the kernel's
 * own high-water mark ({@code VmHWM} in {@code /proc/PID/status}), read every few milliseconds
 * while the process lives: the status file goes when the process exits, so the last reading taken
 * is the figure, missing at most what the last few milliseconds added. Needs nothing installed.
 *
 * @param exitCode the exit status
 * @param wallMs from just before the process started to its exit
 * @param peakRssMb the last {@code VmHWM} read, in MiB
 * @param stdout what it printed
 * @param stderr what it printed on stderr
 */
record ChildProcess(int exitCode, double wallMs, double peakRssMb, String stdout, String stderr) {
  private static final long POLL_MILLIS = 2;

  /** Runs {@code argv} with {@code env} added, its output in files under {@code dir}. */
  static ChildProcess run(List<String> argv, Map<String, String> env, Path dir, String name,
      long limitSeconds) throws IOException, InterruptedException {
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p = pb.start();
    Path status = Path.of("/proc", Long.toString(p.pid()), "status");
    long peakKb = 0;
    long deadline = start + TimeUnit.SECONDS.toNanos(limitSeconds);
    while (!p.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      peakKb = Math.max(peakKb, highWaterKb(status));
      if (System.nanoTime() > deadline) {
        kill(p);
        throw new IOException(name + " ran for more than " + limitSeconds + " s");
      }
    }
    long wall = System.nanoTime() - start;
    return new ChildProcess(p.exitValue(), wall / 1e6, peakKb / 1024.0, Files.readString(out),
        Files.readString(err));
  }

  /** {@code VmHWM} in kB, or 0 once the process is gone (or has released its memory). */
  private static long highWaterKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.substring(6).replace("kB", "").strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process exited between two readings.
    }
    return 0;
  }

  /** Kills {@code p} and everything it started, and waits for it to end. */
  static void kill(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
  }
}
