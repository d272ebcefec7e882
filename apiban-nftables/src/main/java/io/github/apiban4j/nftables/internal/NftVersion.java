package io.github.apiban4j.nftables.internal;

import io.github.apiban4j.internal.SafeText;
import io.github.apiban4j.internal.exec.CommandResult;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version {@code nft --version} reports, e.g. {@code nftables v1.0.6 (Lester Gooch #5)}.
 *
 * @param major the major version
 * @param minor the minor version
 * @param patch the patch level, 0 when the release has none (0.9 did not)
 */
public record NftVersion(int major, int minor, int patch) implements Comparable<NftVersion> {
  /**
   * The oldest release the backend accepts: Debian 11's. JSON input and output, terse listings and
   * interval sets all exist there; the backend is tested against 1.0.6.
   */
  public static final NftVersion MINIMUM = new NftVersion(0, 9, 8);

  private static final Pattern LINE =
      Pattern.compile("nftables v(\\d{1,4})\\.(\\d{1,4})(?:\\.(\\d{1,4}))?(?:[ \\t].*)?");

  /** The version on the first line of {@code nft --version} output, if it is one. */
  public static Optional<NftVersion> parse(String versionOutput) {
    String first = versionOutput.strip().lines().findFirst().orElse("").strip();
    Matcher m = LINE.matcher(first);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new NftVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
  }

  /**
   * Why the backend cannot use the nft that answered {@code nft --version} with {@code versionRun}:
   * the run failed, printed no nftables version, or one older than {@link #MINIMUM}. Empty if it
   * can, and then {@link #parse} reads its version from the run's stdout. The provider's probe and
   * the backend's first call both judge nft by this.
   */
  public static Optional<String> problemWith(CommandResult versionRun) {
    if (!versionRun.succeeded()) {
      String said = versionRun.stderrSummary();
      return Optional.of(versionRun.command() + " failed with status " + versionRun.exitCode()
          + (said.isEmpty() ? "" : ": " + said));
    }
    Optional<NftVersion> version = parse(versionRun.stdout());
    if (version.isEmpty()) {
      return Optional.of(versionRun.command() + " printed no nftables version: '"
          + SafeText.escape(versionRun.stdout().strip(), 200, "") + "'");
    }
    if (!version.get().isSupported()) {
      return Optional.of("nft " + version.get() + " is too old: the backend needs nftables "
          + MINIMUM + " or newer (apt-get install nftables)");
    }
    return Optional.empty();
  }

  /** Whether this release is {@link #MINIMUM} or newer. */
  public boolean isSupported() {
    return compareTo(MINIMUM) >= 0;
  }

  @Override
  public int compareTo(NftVersion o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    return c != 0 ? c : Integer.compare(patch, o.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
