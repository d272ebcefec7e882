/**
 * The service-provider interface for firewall backends: implement {@link
 * io.github.apiban4j.spi.FirewallBackendProvider} and {@link io.github.apiban4j.spi.FirewallBackend},
 * register the provider, and run apiban-core's test-jar {@code FirewallBackendCompatibilityKit}
 * against it.
 */
package io.github.apiban4j.spi;
