package io.github.apiban4j.ipset.netlink.internal;

import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.internal.xtables.HookPoint;
import io.github.apiban4j.internal.xtables.XtablesHook;
import java.time.Duration;
import java.util.Optional;

/** The hook of {@code hook=none}, as the provider makes it: the user's rules, no tool ever run. */
final class NoHook {
  private NoHook() {}

  static XtablesHook with(CommandRunner runner) {
    return XtablesHook.forSets(runner, Optional.empty(), HookPoint.NONE, "APIBAN", "apiban4",
        "apiban6", Duration.ofSeconds(5));
  }

  static XtablesHook of() {
    return with(CommandRunner.system());
  }
}
