package io.github.apiban4j.internal;

import io.github.apiban4j.spi.Availability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the backends' availability probes need to know about the machine: whether it is Linux and
 * whether this process holds {@code CAP_NET_ADMIN}. Reads files only; starts no process and loads
 * no native code, so a probe stays cheap.
 */
public final class LinuxHost {
  /** The capability that every change to netfilter needs (linux/capability.h). */
  public static final int CAP_NET_ADMIN = 12;

  private static final Path PROC_SELF_STATUS = Path.of("/proc/self/status");

  private LinuxHost() {}

  /** A backend's own checks: adds what is missing to {@code problems}, or describes what it found. */
  @FunctionalInterface
  public interface Checks {
    String run(List<String> problems) throws IOException;
  }

  /**
   * The probe every kernel backend runs: Linux, then its own {@code checks}, then
   * {@code CAP_NET_ADMIN}. Never throws; every problem found is listed, not just the first.
   */
  public static Availability probe(String backend, Checks checks) {
    try {
      if (!isLinux()) {
        return Availability.unavailable(notLinuxReason(backend));
      }
      List<String> problems = new ArrayList<>();
      String found = checks.run(problems);
      netAdminProblem().ifPresent(problems::add);
      return problems.isEmpty()
          ? Availability.available(found + ", CAP_NET_ADMIN held")
          : Availability.unavailable(String.join("; ", problems));
    } catch (IOException | RuntimeException e) {
      return Availability.unavailable("probe failed: " + e);
    }
  }

  /** Whether the JVM runs on Linux. */
  public static boolean isLinux() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
  }

  /** Why {@code backend} cannot run on a system other than Linux, naming the one it is on. */
  public static String notLinuxReason(String backend) {
    return "not Linux (os.name is " + System.getProperty("os.name") + "): the " + backend
        + " backend drives the Linux kernel's firewall";
  }

  /**
   * The effective capability mask from the text of {@code /proc/PID/status}: the hexadecimal number
   * on the {@code CapEff:} line.
   */
  public static OptionalLong parseCapEff(String procStatus) {
    for (String line : procStatus.split("\n")) {
      if (line.startsWith("CapEff:")) {
        try {
          return OptionalLong.of(Long.parseUnsignedLong(line.substring(7).strip(), 16));
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }

  /**
   * Why this process cannot change the firewall, or empty if it holds {@code CAP_NET_ADMIN}. Looks
   * at the effective set rather than the user id: root without the capability (a restricted
   * container) cannot, and a non-root service granted it can.
   */
  public static Optional<String> netAdminProblem() {
    String status;
    try {
      status = Files.readString(PROC_SELF_STATUS, StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      return Optional.of("cannot read " + PROC_SELF_STATUS + " to check for CAP_NET_ADMIN: " + e);
    }
    return netAdminProblem(status);
  }

  /** Like {@link #netAdminProblem()}, from the given text of {@code /proc/self/status}. */
  public static Optional<String> netAdminProblem(String procStatus) {
    OptionalLong capEff = parseCapEff(procStatus);
    if (capEff.isEmpty()) {
      return Optional.of("no readable CapEff line in /proc/self/status; cannot tell whether this"
          + " process holds CAP_NET_ADMIN");
    }
    if ((capEff.getAsLong() & (1L << CAP_NET_ADMIN)) != 0) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "no CAP_NET_ADMIN (CapEff %016x): run as root,"
        + " or grant the capability (systemd: AmbientCapabilities=CAP_NET_ADMIN)",
        capEff.getAsLong()));
  }
}
