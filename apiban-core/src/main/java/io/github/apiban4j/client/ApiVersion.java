package io.github.apiban4j.client;

/** The two generations of the APIBAN REST API. */
public enum ApiVersion {
  /**
   * The original API: {@code GET {base}{KEY}/banned/{ID}} and {@code GET {base}{KEY}/check/{IP}}.
   * The key travels in the URL path; it serves only the {@link Dataset#SIP} list.
   */
  V1,
  /**
   * The API of the official clients since late 2023: {@code POST {base}get} and
   * {@code POST {base}check} with the key in an {@code Authorization: Bearer} header and a JSON
   * body that names the {@link Dataset}.
   */
  V2;

  /** {@code v1} or {@code v2}. */
  public String wireName() {
    return this == V1 ? "v1" : "v2";
  }
}
