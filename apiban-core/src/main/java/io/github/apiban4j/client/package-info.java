/**
 * The APIBAN HTTP client: {@code ApibanClient}, the pages it returns and the
 * errors it raises.
 */
package io.github.apiban4j.client;
