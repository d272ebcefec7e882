package io.github.apiban4j.nftables.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NftVersionTest {

  @Test
  void readsReleasesOfSeveralEras() {
    assertThat(NftVersion.parse("nftables v1.0.6 (Lester Gooch #5)\n"))
        .contains(new NftVersion(1, 0, 6));
    assertThat(NftVersion.parse("nftables v1.1.1 (Commodore Bullmoose #2)"))
        .contains(new NftVersion(1, 1, 1));
    assertThat(NftVersion.parse("nftables v0.9.8 (E.D.S.)")).contains(new NftVersion(0, 9, 8));
    assertThat(NftVersion.parse("nftables v0.9 (Fearless Fosdick)"))
        .contains(new NftVersion(0, 9, 0));
    assertThat(NftVersion.parse("nftables v1.0.6").map(NftVersion::toString)).contains("1.0.6");
  }

  @Test
  void readsTheFirstLineOfTheLongForm() {
    String longForm = "nftables v1.1.1 (Commodore Bullmoose #2)\n  cli:\t\teditline\n"
        + "  json:\t\tyes\n  minigmp:\tno\n  libxtables:\tyes\n";
    assertThat(NftVersion.parse(longForm)).contains(new NftVersion(1, 1, 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\n", "iptables v1.8.9 (nf_tables)", "nftables 1.0.6",
      "nftables v1", "nftables v1.x.6", "Error: unknown option", "nftables v1.0.6x",
      "junk\nnftables v1.0.6"})
  void anythingElseIsNoVersion(String output) {
    assertThat(NftVersion.parse(output)).isEmpty();
  }

  @Test
  void aSupportedReleaseIsNoProblem() {
    assertThat(NftVersion.problemWith(versionRun(0, "nftables v0.9.8 (E.D.S.)\n", ""))).isEmpty();
    assertThat(NftVersion.problemWith(versionRun(0, "nftables v1.0.6 (Lester Gooch #5)\n", "")))
        .isEmpty();
  }

  @Test
  void aFailingSilentOrOldNftIsAProblemInWords() {
    assertThat(NftVersion.problemWith(versionRun(3, "", "nft: broken\n")))
        .contains("nft --version failed with status 3: nft: broken");
    assertThat(NftVersion.problemWith(versionRun(0, "hello\7\n", "")))
        .hasValueSatisfying(p -> assertThat(p).startsWith("nft --version printed no nftables"
            + " version: 'hello").doesNotContain("\7"));
    assertThat(NftVersion.problemWith(versionRun(0, "nftables v0.9.7 (Anyface)\n", "")))
        .contains("nft 0.9.7 is too old: the backend needs nftables 0.9.8 or newer (apt-get"
            + " install nftables)");
  }

  private static CommandResult versionRun(int status, String stdout, String stderr) {
    return CommandResult.of(Command.of("nft", "--version"), status, stdout, stderr);
  }
}
