package io.github.apiban4j.examples.cli;

import io.github.apiban4j.testkit.FakeApiban;

/** The IDs the fake feed hands out. */
final class FakeApibanIds {
  private FakeApibanIds() {}

  /** The ID of the last of the first {@code published} entries. */
  static long last(int published) {
    return FakeApiban.FIRST_ID + published - 1;
  }
}
