package io.github.apiban4j.nftables.internal;

/** Default settings confined to a test's namespace. */
final class NftSettingsFixture {
  private NftSettingsFixture() {}

  static NftSettings in(String namespace) {
    NftSettings d = NftSettings.defaults();
    return new NftSettings(d.table(), d.set4(), d.set6(), d.hook(), d.priority(), d.timeout(),
        namespace);
  }
}
