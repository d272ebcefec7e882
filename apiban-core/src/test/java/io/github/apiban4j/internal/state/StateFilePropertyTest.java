package io.github.apiban4j.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.state.StoredState.FullSyncProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random states, from a fixed seed, survive save and load exactly, and save deterministically. */
class StateFilePropertyTest {
  private static final long SEED = 20_261_124L;
  private static final int[] IPV4_NETS = {0xC0000200, 0xC6336400, 0xCB007100}; // the doc /24s

  @TempDir Path dir;

  @Test
  void randomStatesRoundTripExactly() throws IOException {
    Random random = new Random(SEED);
    StateFile file = new StateFile(dir.resolve("state.json"));
    for (int i = 0; i < 300; i++) {
      StoredState state = randomState(random);
      file.save(state);
      byte[] written = Files.readAllBytes(file.path());
      LoadResult result = file.load();
      assertThat(result).as("state %d", i).isEqualTo(new LoadResult.Loaded(state));
      file.save(((LoadResult.Loaded) result).state());
      assertThat(Files.readAllBytes(file.path())).as("state %d saved again", i)
          .isEqualTo(written);
    }
  }

  private static StoredState randomState(Random r) {
    LastSeen.Builder seen = LastSeen.builder();
    int entries = r.nextInt(4) == 0 ? 0 : r.nextInt(200);
    for (int i = 0; i < entries; i++) {
      seen.put(r.nextBoolean() ? ipv4(r) : ipv6(r), r.nextInt(8) == 0
          ? StateCodec.MAX_SECOND - r.nextInt(2) : (long) (r.nextDouble() * 4_000_000_000L));
    }
    FullSyncProgress full = r.nextInt(3) == 0
        ? new FullSyncProgress(cursor(r), instant(r)) : null;
    return new StoredState(text(r), r.nextBoolean() ? cursor(r) : null, maybe(r), maybe(r),
        maybe(r), full, seen.build());
  }

  private static IpPrefix ipv4(Random r) {
    int length = 24 + r.nextInt(9);
    int mask = -1 << (32 - length);
    return IpPrefix.ipv4((IPV4_NETS[r.nextInt(3)] | r.nextInt(256)) & mask, length);
  }

  private static IpPrefix ipv6(Random r) {
    int length = 32 + r.nextInt(97);
    long high = 0x2001_0db8_0000_0000L | (r.nextLong() >>> 32);
    long low = r.nextInt(3) == 0 ? r.nextInt(16) : r.nextLong();
    long highMask = length >= 64 ? -1L : -1L << (64 - length);
    long lowMask = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
    return IpPrefix.ipv6(high & highMask, low & lowMask, length);
  }

  private static String cursor(Random r) {
    StringBuilder sb = new StringBuilder();
    int digits = 1 + r.nextInt(20);
    for (int i = 0; i < digits; i++) {
      sb.append((char) ('0' + r.nextInt(10)));
    }
    return sb.toString();
  }

  private static Instant maybe(Random r) {
    return r.nextBoolean() ? null : instant(r);
  }

  private static Instant instant(Random r) {
    long second = (long) (r.nextDouble() * 4_000_000_000L);
    return Instant.ofEpochSecond(second, r.nextBoolean() ? 0 : r.nextInt(1_000_000_000));
  }

  /** Text with quotes, backslashes, control characters and characters beyond the BMP. */
  private static String text(Random r) {
    int[] pool = {'a', 'Z', '7', ' ', '/', ':', '"', '\\', '\n', '\t', 0, 0x1b, 0x7f, 0xe9,
        0x4e2d, 0x2028, 0xfeff, 0x1f600};
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(40);
    for (int i = 0; i < n; i++) {
      sb.appendCodePoint(pool[r.nextInt(pool.length)]);
    }
    return sb.toString();
  }
}
