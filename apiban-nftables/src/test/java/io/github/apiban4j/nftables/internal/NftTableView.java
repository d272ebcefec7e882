package io.github.apiban4j.nftables.internal;

import com.squareup.moshi.JsonReader;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.testkit.NetworkNamespace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * The test's own reading of {@code nft -j list table inet NAME} in a namespace, independent of the
 * backend's parser: generic JSON values, then the fields the tests look at.
 *
 * @param sets each set's elements, by name
 * @param chains each chain's {@code hook prio policy}, by name
 * @param ruleSets the set each drop rule of chain blocklist references, with its protocol
 *     ({@code ip @apiban4}), in order
 * @param repeated how many elements the listing printed more than once
 */
record NftTableView(Map<String, AddressSet> sets, Map<String, String> chains,
    List<String> ruleSets, int repeated) {

  /** The table as nft lists it, or null if it does not exist. */
  static NftTableView read(NetworkNamespace ns, String table) throws IOException {
    // A listing taken while the kernel still resizes a set's hash table after a large change
    // prints some elements twice and leaves as many out (see NftListing.repeated()); the backend
    // reads such a listing again, and so does this view, or it would see entries go missing.
    for (int attempt = 1; ; attempt++) {
      NftTableView view = readOnce(ns, table);
      if (view == null || view.repeated() == 0 || attempt == Nft.LISTING_ATTEMPTS) {
        return view;
      }
    }
  }

  private static NftTableView readOnce(NetworkNamespace ns, String table) throws IOException {
    CommandResult r = ns.exec("nft", "-j", "list", "table", "inet", table);
    if (!r.succeeded()) {
      if (r.stderr().contains("No such file or directory")) {
        return null;
      }
      r.requireSuccess("listing table " + table);
    }
    Map<?, ?> top = (Map<?, ?>) JsonReader.of(new Buffer().writeUtf8(r.stdout())).readJsonValue();
    Map<String, AddressSet> sets = new LinkedHashMap<>();
    Map<String, String> chains = new LinkedHashMap<>();
    List<String> rules = new ArrayList<>();
    int repeated = 0;
    for (Object o : (List<?>) top.get("nftables")) {
      Map<?, ?> item = (Map<?, ?>) o;
      if (item.get("set") instanceof Map<?, ?> set) {
        AddressSet.Builder b = AddressSet.builder();
        if (set.get("elem") instanceof List<?> elems) {
          for (Object e : elems) {
            if (e instanceof String s) {
              b.add(IpPrefix.parse(s));
            } else {
              Map<?, ?> prefix = (Map<?, ?>) ((Map<?, ?>) e).get("prefix");
              b.add(IpPrefix.parse(prefix.get("addr") + "/" + ((Number) prefix.get("len")).intValue()));
            }
          }
        }
        AddressSet elements = b.build();
        repeated += b.size() - elements.size();
        sets.put((String) set.get("name"), elements);
      } else if (item.get("chain") instanceof Map<?, ?> chain) {
        chains.put((String) chain.get("name"), chain.get("hook") == null ? "regular"
            : chain.get("hook") + " " + ((Number) chain.get("prio")).intValue() + " "
                + chain.get("policy"));
      } else if (item.get("rule") instanceof Map<?, ?> rule) {
        List<?> expr = (List<?>) rule.get("expr");
        Map<?, ?> match = (Map<?, ?>) ((Map<?, ?>) expr.get(0)).get("match");
        Map<?, ?> payload = (Map<?, ?>) ((Map<?, ?>) match.get("left")).get("payload");
        rules.add(payload.get("protocol") + " " + match.get("right")
            + (((Map<?, ?>) expr.get(1)).containsKey("counter") ? " counter" : "")
            + (((Map<?, ?>) expr.get(2)).containsKey("drop") ? " drop" : ""));
      }
    }
    return new NftTableView(sets, chains, rules, repeated);
  }

  /** Every element of every set, as the backend should report it. */
  AddressSet allElements() {
    AddressSet all = AddressSet.empty();
    for (AddressSet s : sets.values()) {
      all = all.union(s);
    }
    return all;
  }
}
