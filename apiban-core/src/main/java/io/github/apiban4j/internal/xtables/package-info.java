/**
 * The iptables side shared by the iptables and ipset-netlink backends: the chain and jump rules that
 * hook their sets into the ruleset ({@link io.github.apiban4j.internal.xtables.XtablesHook}), where
 * they sit ({@link io.github.apiban4j.internal.xtables.HookPoint}), reading {@code iptables-save}
 * output, and telling iptables-legacy from iptables-nft. Not API.
 */
package io.github.apiban4j.internal.xtables;
