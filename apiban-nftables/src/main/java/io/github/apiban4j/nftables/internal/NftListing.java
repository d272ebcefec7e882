package io.github.apiban4j.nftables.internal;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import io.github.apiban4j.address.AddressFormatException;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.SafeText;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import okio.Okio;

/**
 * What {@code nft -j list table inet NAME} printed, read with moshi's streaming reader: the sets with
 * their elements (absent from a terse {@code -t} listing), the chains, the rules and, by name,
 * whatever else the table holds.
 *
 * @param sets the sets by name, in listing order
 * @param chains the chains by name
 * @param rules the rules in listing order
 * @param others every other object of the table, as {@code "KIND NAME"}
 */
record NftListing(Map<String, ListedSet> sets, Map<String, ListedChain> chains,
    List<ListedRule> rules, List<String> others) {

  /**
   * A set.
   *
   * @param name its name
   * @param type its element type, {@code ipv4_addr} say
   * @param flags its flags, {@code interval} say
   * @param elements its elements; ranges are given as the prefixes that cover them exactly
   * @param ranges how many elements were ranges rather than prefixes or addresses
   * @param repeated how many times the listing printed an element it had printed already; more
   *     than none means the listing is not to be trusted (see {@link NftListing#repeated()})
   */
  record ListedSet(String name, String type, Set<String> flags, AddressSet elements, int ranges,
      int repeated) {
    boolean interval() {
      return flags.contains("interval");
    }
  }

  /**
   * A chain; the hook fields are null for a regular chain.
   *
   * @param name its name
   * @param type filter, nat or route
   * @param hook its hook
   * @param priority its priority
   * @param policy accept or drop
   */
  record ListedChain(String name, String type, String hook, Integer priority, String policy) {}

  /**
   * A rule; {@code set} is non-null only for the shape the backend writes,
   * {@code ip saddr @SET counter drop} (or {@code ip6}).
   *
   * @param chain the chain it is in
   * @param handle its handle, by which it can be deleted alone
   * @param ipv6 whether it matches {@code ip6 saddr}
   * @param set the set it matches, or null if the rule has another shape
   * @param packets its counter's packets
   * @param bytes its counter's bytes
   */
  record ListedRule(String chain, long handle, boolean ipv6, String set, long packets,
      long bytes) {}

  /**
   * How many elements the listing printed more than once, over all its sets. The kernel lists a
   * hash set in pieces, and each piece walks the set again from the start, skipping as many
   * elements as the pieces before it held. While the kernel resizes the set's hash table, which
   * it does in the background for a while after a large addition or removal, the walk's order
   * changes between pieces: some elements are printed twice and as many are left out, and no
   * generation changes, so nft cannot tell. Every element left out that way is matched by one
   * printed twice, so a listing with none repeated is whole (unless another process's transaction
   * committed during it; the backend never lists while it writes).
   */
  int repeated() {
    return sets.values().stream().mapToInt(ListedSet::repeated).sum();
  }

  private static final JsonReader.Options TOP = JsonReader.Options.of("nftables");
  private static final JsonReader.Options KINDS =
      JsonReader.Options.of("metainfo", "table", "set", "chain", "rule");
  private static final JsonReader.Options SET_FIELDS =
      JsonReader.Options.of("name", "type", "flags", "elem");
  private static final JsonReader.Options ELEM_FIELDS =
      JsonReader.Options.of("prefix", "range", "elem", "val");
  private static final JsonReader.Options PREFIX_FIELDS = JsonReader.Options.of("addr", "len");

  /**
   * Reads a listing.
   *
   * @throws IOException if the text is not the JSON nft prints, or holds an element that is no
   *     address, prefix or range
   */
  static NftListing parse(InputStream json) throws IOException {
    Map<String, ListedSet> sets = new LinkedHashMap<>();
    Map<String, ListedChain> chains = new LinkedHashMap<>();
    List<ListedRule> rules = new ArrayList<>();
    List<String> others = new ArrayList<>();
    try (JsonReader reader = JsonReader.of(Okio.buffer(Okio.source(json)))) {
      reader.beginObject();
      while (reader.hasNext()) {
        if (reader.selectName(TOP) != 0) {
          reader.skipName();
          reader.skipValue();
          continue;
        }
        reader.beginArray();
        while (reader.hasNext()) {
          reader.beginObject();
          while (reader.hasNext()) {
            int kind = reader.selectName(KINDS);
            switch (kind) {
              case 0, 1 -> reader.skipValue();
              case 2 -> {
                ListedSet set = readSet(reader);
                sets.put(set.name(), set);
              }
              case 3 -> {
                ListedChain chain = readChain(reader);
                chains.put(chain.name(), chain);
              }
              case 4 -> rules.add(readRule(reader));
              default -> {
                String other = reader.nextName();
                Object value = reader.readJsonValue();
                Object name = value instanceof Map<?, ?> m ? m.get("name") : null;
                others.add(other + (name == null ? "" : " " + name));
              }
            }
          }
          reader.endObject();
        }
        reader.endArray();
      }
      reader.endObject();
    } catch (JsonDataException | AddressFormatException | ClassCastException e) {
      throw new IOException("nft printed a listing apiban4j cannot read: "
          + SafeText.escape(String.valueOf(e.getMessage()), 300, ""), e);
    }
    return new NftListing(Collections.unmodifiableMap(sets), Collections.unmodifiableMap(chains),
        List.copyOf(rules), List.copyOf(others));
  }

  private static ListedSet readSet(JsonReader reader) throws IOException {
    String name = null;
    String type = null;
    Set<String> flags = new TreeSet<>();
    AddressSet.Builder elements = AddressSet.builder();
    int[] ranges = {0};
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(SET_FIELDS)) {
        case 0 -> name = reader.nextString();
        case 1 -> type = reader.peek() == JsonReader.Token.STRING ? reader.nextString()
            : String.valueOf(reader.readJsonValue());
        case 2 -> {
          reader.beginArray();
          while (reader.hasNext()) {
            flags.add(reader.nextString());
          }
          reader.endArray();
        }
        case 3 -> {
          reader.beginArray();
          while (reader.hasNext()) {
            readElement(reader, elements, ranges);
          }
          reader.endArray();
        }
        default -> {
          reader.skipName();
          reader.skipValue();
        }
      }
    }
    reader.endObject();
    if (name == null) {
      throw new JsonDataException("a set without a name");
    }
    int printed = elements.size();
    AddressSet distinct = elements.build();
    return new ListedSet(name, type, Collections.unmodifiableSet(flags), distinct, ranges[0],
        printed - distinct.size());
  }

  /** An address, {@code {"prefix":…}}, {@code {"range":[a,b]}} or {@code {"elem":{"val":…}}}. */
  private static void readElement(JsonReader reader, AddressSet.Builder into, int[] ranges)
      throws IOException {
    if (reader.peek() == JsonReader.Token.STRING) {
      into.add(IpPrefix.parseAddress(reader.nextString()));
      return;
    }
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(ELEM_FIELDS)) {
        case 0 -> into.add(readPrefix(reader));
        case 1 -> {
          reader.beginArray();
          IpPrefix first = IpPrefix.parseAddress(reader.nextString());
          IpPrefix last = IpPrefix.parseAddress(reader.nextString());
          reader.endArray();
          coverRange(first, last).forEach(into::add);
          ranges[0]++;
        }
        case 2 -> readElement(reader, into, ranges); // {"elem":{"val":…,"timeout":…}}
        case 3 -> readElement(reader, into, ranges);
        default -> {
          reader.skipName();
          reader.skipValue();
        }
      }
    }
    reader.endObject();
  }

  private static IpPrefix readPrefix(JsonReader reader) throws IOException {
    String addr = null;
    int len = -1;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(PREFIX_FIELDS)) {
        case 0 -> addr = reader.nextString();
        case 1 -> len = reader.nextInt();
        default -> {
          reader.skipName();
          reader.skipValue();
        }
      }
    }
    reader.endObject();
    if (addr == null || len < 0) {
      throw new JsonDataException("a prefix without an address or a length");
    }
    return IpPrefix.parse(addr + "/" + len);
  }

  /** The fewest prefixes that together cover exactly {@code first}..{@code last}. */
  static List<IpPrefix> coverRange(IpPrefix first, IpPrefix last) {
    if (first.isIpv4() != last.isIpv4()) {
      throw new JsonDataException("a range from " + first + " to " + last + " mixes families");
    }
    int bits = first.maxLength();
    BigInteger lo = new BigInteger(1, first.addressBytes());
    BigInteger hi = new BigInteger(1, last.addressBytes());
    List<IpPrefix> out = new ArrayList<>();
    while (lo.compareTo(hi) <= 0) {
      int size = lo.signum() == 0 ? bits : lo.getLowestSetBit(); // alignment of lo
      while (lo.add(BigInteger.ONE.shiftLeft(size)).subtract(BigInteger.ONE).compareTo(hi) > 0) {
        size--;
      }
      out.add(prefixOf(lo, bits, bits - size));
      lo = lo.add(BigInteger.ONE.shiftLeft(size));
    }
    return out;
  }

  private static IpPrefix prefixOf(BigInteger address, int bits, int length) {
    if (bits == 32) {
      return IpPrefix.ipv4(address.intValue(), length);
    }
    return IpPrefix.ipv6(address.shiftRight(64).longValue(), address.longValue(), length);
  }

  private static ListedChain readChain(JsonReader reader) throws IOException {
    Map<?, ?> m = (Map<?, ?>) reader.readJsonValue();
    Object prio = m.get("prio");
    return new ListedChain(String.valueOf(m.get("name")), string(m.get("type")),
        string(m.get("hook")), prio instanceof Number n ? n.intValue() : null,
        string(m.get("policy")));
  }

  private static String string(Object o) {
    return o instanceof String s ? s : null;
  }

  /** Recognises {@code [match saddr == @SET, counter, drop]}; any other rule has a null set. */
  private static ListedRule readRule(JsonReader reader) throws IOException {
    Map<?, ?> m = (Map<?, ?>) reader.readJsonValue();
    String chain = String.valueOf(m.get("chain"));
    long handle = number(m.get("handle"));
    List<?> expr = m.get("expr") instanceof List<?> l ? l : List.of();
    if (expr.size() != 3 || !(expr.get(0) instanceof Map<?, ?> first)
        || !(expr.get(1) instanceof Map<?, ?> second) || !(expr.get(2) instanceof Map<?, ?> third)
        || !third.containsKey("drop") || third.size() != 1
        || !(second.get("counter") instanceof Map<?, ?> counter) || second.size() != 1
        || !(first.get("match") instanceof Map<?, ?> match) || first.size() != 1
        || !"==".equals(match.get("op"))
        || !(match.get("right") instanceof String right) || !right.startsWith("@")
        || !(match.get("left") instanceof Map<?, ?> left)
        || !(left.get("payload") instanceof Map<?, ?> payload)
        || !"saddr".equals(payload.get("field"))
        || !("ip".equals(payload.get("protocol")) || "ip6".equals(payload.get("protocol")))) {
      return new ListedRule(chain, handle, false, null, 0, 0);
    }
    return new ListedRule(chain, handle, "ip6".equals(payload.get("protocol")), right.substring(1),
        number(counter.get("packets")), number(counter.get("bytes")));
  }

  private static long number(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }
}
