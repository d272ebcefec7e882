package io.github.apiban4j.nftables;

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
record NftVersion(int major, int minor, int patch) {
  private static final Pattern LINE =
      Pattern.compile("nftables v(\\d{1,4})\\.(\\d{1,4})(?:\\.(\\d{1,4}))?(?:[ \\t].*)?");

  /** The version on the first line of {@code nft --version} output, if it is one. */
  static Optional<NftVersion> parse(String versionOutput) {
    String first = versionOutput.strip().lines().findFirst().orElse("").strip();
    Matcher m = LINE.matcher(first);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new NftVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
