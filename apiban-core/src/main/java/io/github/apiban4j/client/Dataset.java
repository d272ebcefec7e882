package io.github.apiban4j.client;

import io.github.apiban4j.address.AddressFormatException;
import java.util.Locale;
import java.util.Objects;

/** The APIBAN list to read: the field {@code set} of a v2 request. */
public enum Dataset {
  /** Addresses that attacked the SIP honeypots: the list every APIBAN client reads by default. */
  SIP("sip"),
  /** Addresses that attacked the HTTP honeypots (v2 only). */
  HTTP("http"),
  /** Both lists (v2 only). */
  ALL("all");

  private final String wireName;

  Dataset(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire and in configuration files: {@code sip}, {@code http} or {@code all}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The dataset named {@code text}, ignoring case and surrounding white space.
   *
   * @throws IllegalArgumentException if {@code text} names no dataset
   */
  public static Dataset parse(String text) {
    Objects.requireNonNull(text, "text");
    String name = text.strip().toLowerCase(Locale.ROOT);
    for (Dataset dataset : values()) {
      if (dataset.wireName.equals(name)) {
        return dataset;
      }
    }
    throw new IllegalArgumentException("unknown APIBAN dataset "
        + AddressFormatException.quote(text) + "; expected sip, http or all");
  }
}
