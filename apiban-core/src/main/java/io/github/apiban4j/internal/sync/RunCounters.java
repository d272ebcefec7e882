package io.github.apiban4j.internal.sync;

import io.github.apiban4j.RefusalReason;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tallies of one run. */
final class RunCounters {
  int pages;
  long fetched;
  int added;
  int removed;
  int expired;
  int repaired;
  private final EnumMap<RefusalReason, Long> refused = new EnumMap<>(RefusalReason.class);

  void refuse(RefusalReason reason) {
    refused.merge(reason, 1L, Long::sum);
  }

  /** Refusals by {@link RefusalReason#key()}, in the enum's order, non-zero only. */
  Map<String, Long> refusedByKey() {
    Map<String, Long> out = new LinkedHashMap<>();
    refused.forEach((reason, n) -> out.put(reason.key(), n));
    return out;
  }
}
