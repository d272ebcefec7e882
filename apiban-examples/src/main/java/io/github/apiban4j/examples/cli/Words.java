package io.github.apiban4j.examples.cli;

/** Counts in words. */
final class Words {
  private Words() {}

  /** {@code 1 entry}, {@code 3 entries}. */
  static String entries(long n) {
    return n + (n == 1 ? " entry" : " entries");
  }
}
