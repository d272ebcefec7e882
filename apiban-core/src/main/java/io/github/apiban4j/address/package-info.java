/**
 * IP addresses and prefixes as values ({@link io.github.apiban4j.address.IpPrefix}), compact
 * immutable sets of them ({@link io.github.apiban4j.address.AddressSet}) and the change between two
 * sets ({@link io.github.apiban4j.address.Diff}).
 */
package io.github.apiban4j.address;
