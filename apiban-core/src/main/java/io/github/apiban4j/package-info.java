/**
 * Keeping the APIBAN blocklist in a firewall: {@code BlocklistSync} runs the sync, {@link
 * io.github.apiban4j.FirewallBackends} finds backends by name, and {@code Allowlist} says what must
 * never be blocked.
 */
package io.github.apiban4j;
