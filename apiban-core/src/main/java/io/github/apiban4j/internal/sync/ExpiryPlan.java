package io.github.apiban4j.internal.sync;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.state.LastSeen;
import java.util.Arrays;

/**
 * What one run expires. At most a budget of enforced entries go per run, the earliest deadlines
 * first, so that even after a week offline the set drains over several runs instead of emptying in
 * one batch; the rest stay enforced until a later run. Expired entries that are not enforced are
 * simply forgotten.
 *
 * @param toRemove enforced entries to delete now
 * @param kept the table without every expired entry except the ones deferred
 */
record ExpiryPlan(AddressSet toRemove, LastSeen kept) {

  /** The most entries one run expires: a tenth of the live set, at least 100, at most 1000. */
  static int budget(int liveSize) {
    return Math.min(1000, Math.max(100, liveSize / 10));
  }

  static ExpiryPlan of(LastSeen seen, AddressSet live, long now, Expiry expiry) {
    int n = seen.size();
    long[] due = new long[n];
    int[] candidates = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      IpPrefix e = seen.entry(i);
      long deadline = expiry.deadline(e, seen.seenAt(i));
      if (now >= deadline && live.contains(e)) {
        due[count] = deadline;
        candidates[count++] = i;
      }
    }
    int budget = budget(live.size());
    AddressSet.Builder removed = AddressSet.builder();
    if (count <= budget) {
      for (int k = 0; k < count; k++) {
        removed.add(seen.entry(candidates[k]));
      }
    } else {
      Integer[] order = new Integer[count];
      for (int k = 0; k < count; k++) {
        order[k] = k;
      }
      Arrays.sort(order, (a, b) -> Long.compare(due[a], due[b]));
      for (int k = 0; k < budget; k++) {
        removed.add(seen.entry(candidates[order[k]]));
      }
    }
    AddressSet toRemove = removed.build();
    LastSeen kept = seen.without((e, t) -> now >= expiry.deadline(e, t)
        && (toRemove.contains(e) || !live.contains(e)));
    return new ExpiryPlan(toRemove, kept);
  }
}
