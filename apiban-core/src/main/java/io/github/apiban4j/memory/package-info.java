/**
 * The in-memory backend ({@code memory}): a set held in the process, for applications that check
 * addresses themselves (a SIP stack rejecting requests), for tests and for dry runs.
 */
package io.github.apiban4j.memory;
