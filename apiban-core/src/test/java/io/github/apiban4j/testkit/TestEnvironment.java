package io.github.apiban4j.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Preconditions of tests that need root or system tools. Outside CI a missing precondition skips the
 * test with the reason; under {@code CI=true} it fails the test, so that a CI run can never pass
 * while quietly skipping the tests that matter.
 */
public final class TestEnvironment {
  private TestEnvironment() {}

  /** Whether this run is CI ({@code CI=true}), where nothing may be skipped. */
  public static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Whether the JVM runs as root. */
  public static boolean isRoot() {
    return "root".equals(System.getProperty("user.name")) || uid() == 0;
  }

  private static long uid() {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
    } catch (Exception e) {
      return -1;
    }
  }

  /** Requires root (for namespaces, mounts and firewall tools). */
  public static void requireRoot(String why) {
    require(isRoot() && System.getProperty("os.name").toLowerCase().contains("linux"),
        "needs root on Linux to " + why);
  }

  /** Requires {@code command} on the PATH or in /usr/sbin, /sbin. */
  public static Path requireCommand(String command, String debianPackage) {
    Path found = findCommand(command);
    require(found != null, "needs the '" + command + "' command: apt-get install -y " + debianPackage);
    return found;
  }

  /** The absolute path of {@code command}, or {@code null}. */
  public static Path findCommand(String command) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin"
        + File.pathSeparator + "/sbin";
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Skips (outside CI) or fails (in CI) unless {@code condition} holds. */
  public static void require(boolean condition, String reason) {
    if (condition) {
      return;
    }
    if (isCi()) {
      fail("CI=true and this test cannot run: it " + reason);
    }
    assumeTrue(false, "skipped: this test " + reason);
  }
}
