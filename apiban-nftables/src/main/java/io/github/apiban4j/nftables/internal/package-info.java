/**
 * The nftables backend's implementation: the backend, its settings, the JSON transactions it writes,
 * the listings it reads and the {@code nft} runs. Not API.
 */
package io.github.apiban4j.nftables.internal;
