/**
 * Runs the firewall tools as child processes: argument vectors and standard input only, never a
 * shell; bounded output; a time limit; optional network namespace. Shared with the iptables and
 * nftables backends; not API.
 */
package io.github.apiban4j.internal.exec;
