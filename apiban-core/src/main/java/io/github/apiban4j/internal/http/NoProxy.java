package io.github.apiban4j.internal.http;

import io.github.apiban4j.address.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hosts of a {@code no_proxy} list: comma-separated names (matching the name and its
 * subdomains; a leading {@code .} or {@code *.} is ignored), IP literals and CIDR prefixes, or
 * {@code *} for every host. A {@code :port} suffix is ignored. Loopback hosts are always direct.
 */
public final class NoProxy {
  private final boolean all;
  private final List<String> names;
  private final List<IpPrefix> prefixes;

  private NoProxy(boolean all, List<String> names, List<IpPrefix> prefixes) {
    this.all = all;
    this.names = List.copyOf(names);
    this.prefixes = List.copyOf(prefixes);
  }

  /** The list in {@code text}; {@code null} or blank means no exception but loopback. */
  public static NoProxy parse(String text) {
    List<String> names = new ArrayList<>();
    List<IpPrefix> prefixes = new ArrayList<>();
    boolean all = false;
    if (text != null) {
      for (String raw : text.split(",")) {
        String entry = raw.strip().toLowerCase(Locale.ROOT);
        if (entry.isEmpty()) {
          continue;
        }
        if (entry.equals("*")) {
          all = true;
          continue;
        }
        if (entry.startsWith("[")) {
          int close = entry.indexOf(']');
          entry = entry.substring(1, close < 0 ? entry.length() : close); // [v6]:port
        }
        IpPrefix prefix = IpPrefix.tryParse(entry);
        int colon = entry.indexOf(':');
        if (prefix == null && colon > 0 && colon == entry.lastIndexOf(':')) {
          entry = entry.substring(0, colon); // host:port
          prefix = IpPrefix.tryParse(entry);
        }
        if (prefix != null) {
          prefixes.add(prefix);
        } else {
          names.add(entry.startsWith("*.") ? entry.substring(2)
              : entry.startsWith(".") ? entry.substring(1) : entry);
        }
      }
    }
    return new NoProxy(all, names, prefixes);
  }

  /** Whether {@code host} (a name or an IP literal, never resolved) is reached directly. */
  public boolean matches(String host) {
    if (all || Hosts.isLoopback(host)) {
      return true;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    IpPrefix literal = IpPrefix.tryParse(h);
    if (literal != null) {
      for (IpPrefix prefix : prefixes) {
        if (prefix.contains(literal)) {
          return true;
        }
      }
      return false;
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    for (String name : names) {
      if (h.equals(name) || h.endsWith("." + name)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    if (all) {
      return "[*]";
    }
    List<Object> shown = new ArrayList<>(names);
    shown.addAll(prefixes);
    return shown.toString();
  }
}
