package io.github.apiban4j.nftables.internal;

import io.github.apiban4j.address.IpPrefix;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * One {@code nft -j -f -} transaction, written as nft's JSON input: the commands run in order and
 * the kernel applies all of them or none.
 *
 * <p>JSON rather than nft's own language: nothing is tokenised, so no value can turn into syntax,
 * and nft reads it about a fifth faster. Every string written is a name the settings validated or
 * the canonical text of a parsed {@link IpPrefix}; {@link #word} refuses anything else, so that a
 * bug elsewhere cannot smuggle a quote or a brace into the transaction.
 *
 * <p>Elements go in commands of at most {@link #CHUNK} each; nft turns each into netlink messages of
 * its own size, and a bounded command keeps nft's parser and its error messages small.
 */
final class NftScript {
  /** Elements per {@code add element} or {@code delete element} command. */
  static final int CHUNK = 4096;

  private static final String HEADER = "{\"nftables\":[";

  private final String table;
  private final StringBuilder out = new StringBuilder(256);
  private int commands;

  NftScript(String table) {
    this.table = table;
    out.append(HEADER);
  }

  /** Whether no command has been written. */
  boolean isEmpty() {
    return commands == 0;
  }

  /** The transaction as nft reads it on stdin. */
  byte[] toBytes() {
    return text().getBytes(StandardCharsets.US_ASCII);
  }

  /** The transaction's text. */
  String text() {
    return out + "]}\n";
  }

  /** This transaction followed by the commands of {@code other}, which must be for the same table. */
  NftScript append(NftScript other) {
    if (!other.table.equals(table)) {
      throw new IllegalArgumentException("scripts for tables " + table + " and " + other.table);
    }
    if (other.commands > 0) {
      if (commands > 0) {
        out.append(",\n");
      }
      out.append(other.out, HEADER.length(), other.out.length());
      commands += other.commands;
    }
    return this;
  }

  NftScript addTable() {
    begin("add", "table").append("{\"family\":\"inet\",\"name\":");
    word(table);
    return end();
  }

  NftScript deleteTable() {
    begin("delete", "table").append("{\"family\":\"inet\",\"name\":");
    word(table);
    return end();
  }

  /** Declares a set of single addresses, or of prefixes when {@code interval}. */
  NftScript addSet(String name, boolean ipv6, boolean interval) {
    object("add", "set", name).append(",\"type\":");
    word(ipv6 ? "ipv6_addr" : "ipv4_addr");
    if (interval) {
      out.append(",\"flags\":[\"interval\"]");
    }
    return end();
  }

  NftScript flushSet(String name) {
    object("flush", "set", name);
    return end();
  }

  /** A filter base chain with policy accept: it only ever drops what the sets match. */
  NftScript addChain(String name, String hook, int priority) {
    object("add", "chain", name).append(",\"type\":\"filter\",\"hook\":");
    word(hook);
    out.append(",\"prio\":").append(priority).append(",\"policy\":\"accept\"");
    return end();
  }

  NftScript deleteChain(String name) {
    object("delete", "chain", name);
    return end();
  }

  /** {@code ip saddr @set counter drop}, or {@code ip6 saddr …} for an IPv6 set. */
  NftScript addDropRule(String chain, boolean ipv6, String set) {
    return addDropRule(chain, ipv6, set, 0, 0);
  }

  /**
   * A drop rule whose counter starts at {@code packets} and {@code bytes}: what a rule that must be
   * re-created had counted, carried over.
   */
  NftScript addDropRule(String chain, boolean ipv6, String set, long packets, long bytes) {
    begin("add", "rule").append("{\"family\":\"inet\",\"table\":");
    word(table);
    out.append(",\"chain\":");
    word(chain);
    out.append(",\"expr\":[{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":");
    word(ipv6 ? "ip6" : "ip");
    out.append(",\"field\":\"saddr\"}},\"right\":");
    word("@" + set);
    out.append("}},{\"counter\":");
    if (packets == 0 && bytes == 0) {
      out.append("null");
    } else {
      out.append("{\"packets\":").append(packets).append(",\"bytes\":").append(bytes).append('}');
    }
    out.append("},{\"drop\":null}]");
    return end();
  }

  /** Deletes the rule with {@code handle}, and no other. */
  NftScript deleteRule(String chain, long handle) {
    begin("delete", "rule").append("{\"family\":\"inet\",\"table\":");
    word(table);
    out.append(",\"chain\":");
    word(chain);
    out.append(",\"handle\":").append(handle);
    return end();
  }

  /** Adds {@code elements} to {@code set}; adding a member again is harmless. */
  NftScript addElements(String set, Iterable<IpPrefix> elements) {
    return elements("add", set, elements);
  }

  /** Deletes {@code elements} from {@code set}; one that is absent fails the whole transaction. */
  NftScript deleteElements(String set, Iterable<IpPrefix> elements) {
    return elements("delete", set, elements);
  }

  /**
   * Deletes {@code elements} from {@code set} whether or not they are members: each chunk is added
   * and then deleted. nft 1.0.6 has no {@code destroy element}, and a plain delete of an absent
   * element aborts the transaction with ENOENT.
   */
  NftScript deleteElementsTolerantly(String set, Iterable<IpPrefix> elements) {
    Iterator<IpPrefix> it = elements.iterator();
    while (it.hasNext()) {
      java.util.List<IpPrefix> chunk = new java.util.ArrayList<>(CHUNK);
      while (it.hasNext() && chunk.size() < CHUNK) {
        chunk.add(it.next());
      }
      elements("add", set, chunk);
      elements("delete", set, chunk);
    }
    return this;
  }

  private NftScript elements(String verb, String set, Iterable<IpPrefix> elements) {
    Iterator<IpPrefix> it = elements.iterator();
    while (it.hasNext()) {
      object(verb, "element", set).append(",\"elem\":[");
      for (int n = 0; n < CHUNK && it.hasNext(); n++) {
        if (n > 0) {
          out.append(',');
        }
        element(it.next());
      }
      out.append(']');
      end();
    }
    return this;
  }

  /** A single address as a string, a prefix as nft's prefix object. */
  private void element(IpPrefix p) {
    String text = p.toString();
    if (p.isSingleAddress()) {
      word(text);
      return;
    }
    int slash = text.indexOf('/');
    out.append("{\"prefix\":{\"addr\":");
    word(text.substring(0, slash));
    out.append(",\"len\":").append(p.length()).append("}}");
  }

  /** {@code {"verb":{"kind":{"family":"inet","table":T,"name":NAME}}} without its closing braces. */
  private StringBuilder object(String verb, String kind, String name) {
    begin(verb, kind).append("{\"family\":\"inet\",\"table\":");
    word(table);
    out.append(",\"name\":");
    word(name);
    return out;
  }

  private StringBuilder begin(String verb, String kind) {
    if (commands > 0) {
      out.append(",\n");
    }
    commands++;
    return out.append("{\"").append(verb).append("\":{\"").append(kind).append("\":");
  }

  private NftScript end() {
    out.append("}}}");
    return this;
  }

  /**
   * Writes {@code s} as a JSON string. Only the characters of validated names, of address text and
   * the {@code @} of a set reference are allowed: none of them needs escaping in JSON.
   *
   * @throws IllegalArgumentException for any other character (a bug, never input)
   */
  private void word(String s) {
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty word in an nft transaction");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '.' || c == ':' || (c == '@' && i == 0);
      if (!ok) {
        throw new IllegalArgumentException("refusing to write character " + (int) c
            + " into an nft transaction");
      }
    }
    out.append('"').append(s).append('"');
  }
}
