package io.github.apiban4j.testkit;

import io.github.apiban4j.address.IpPrefix;
import java.io.IOException;

/**
 * Two throwaway network namespaces joined by a veth pair, each end holding one address and a host
 * route to the other's, for end-to-end tests: a packet sent from {@link #left()} reaches
 * {@link #right()} through the right namespace's firewall hooks (prerouting, input) like a packet
 * from the network.
 *
 * <pre>{@code
 * try (VethPair pair = VethPair.create("203.0.113.7", "198.51.100.1")) {
 *   FirewallBackend b = provider.create(BackendConfig.of(Map.of("namespace",
 *       pair.right().namespace().name())));
 *   boolean delivered = UdpProbe.send(pair.left(), pair.right(), 5060, payload, timeout);
 * }
 * }</pre>
 *
 * <p>The link is created from inside the left namespace with its peer placed straight into the
 * right one, so no interface ever appears in the host's own namespace. Both addresses are host
 * addresses ({@code /32} or {@code /128}) and may be in different documentation ranges; IPv6
 * addresses skip duplicate address detection so that they work at once. Needs root and {@code ip}.
 */
public final class VethPair implements AutoCloseable {
  /** The interface name of both ends, each in its own namespace. */
  public static final String INTERFACE = "veth0";

  /**
   * One end: a namespace and the address its veth holds.
   *
   * @param namespace the namespace
   * @param address the address of its veth, canonical text
   */
  public record Endpoint(NetworkNamespace namespace, String address) {
    /** Whether the address is IPv6. */
    public boolean ipv6() {
      return address.indexOf(':') >= 0;
    }
  }

  private final Endpoint left;
  private final Endpoint right;

  private VethPair(Endpoint left, Endpoint right) {
    this.left = left;
    this.right = right;
  }

  /**
   * Creates two namespaces, joins them and brings the link up.
   *
   * @param leftAddress the left end's address, {@code 203.0.113.7} say
   * @param rightAddress the right end's address, of the same family
   * @throws IllegalArgumentException if an address is not a single address or the families differ
   * @throws IOException if {@code ip} fails (the namespaces are deleted again)
   */
  public static VethPair create(String leftAddress, String rightAddress) throws IOException {
    IpPrefix l = IpPrefix.parseAddress(leftAddress);
    IpPrefix r = IpPrefix.parseAddress(rightAddress);
    if (l.isIpv6() != r.isIpv6()) {
      throw new IllegalArgumentException("both ends need the same family: " + l + ", " + r);
    }
    NetworkNamespace leftNs = NetworkNamespace.create();
    NetworkNamespace rightNs = null;
    try {
      rightNs = NetworkNamespace.create();
      leftNs.exec("ip", "link", "add", INTERFACE, "type", "veth", "peer", "name", INTERFACE,
          "netns", rightNs.name()).requireSuccess("creating the veth pair");
      VethPair pair = new VethPair(new Endpoint(leftNs, l.toString()),
          new Endpoint(rightNs, r.toString()));
      configure(pair.left, pair.right);
      configure(pair.right, pair.left);
      return pair;
    } catch (IOException | RuntimeException e) {
      closeQuietly(rightNs, e);
      closeQuietly(leftNs, e);
      throw e;
    }
  }

  private static void configure(Endpoint self, Endpoint peer) throws IOException {
    NetworkNamespace ns = self.namespace();
    String family = self.ipv6() ? "-6" : "-4";
    String hostLength = self.ipv6() ? "/128" : "/32";
    if (self.ipv6()) {
      ns.exec("ip", "-6", "addr", "add", self.address() + hostLength, "dev", INTERFACE, "nodad")
          .requireSuccess("adding " + self.address() + " in " + ns.name());
    } else {
      ns.exec("ip", "-4", "addr", "add", self.address() + hostLength, "dev", INTERFACE)
          .requireSuccess("adding " + self.address() + " in " + ns.name());
    }
    ns.exec("ip", "link", "set", INTERFACE, "up").requireSuccess("bringing up " + INTERFACE);
    ns.exec("ip", family, "route", "add", peer.address() + hostLength, "dev", INTERFACE,
        "src", self.address()).requireSuccess("routing to " + peer.address() + " in " + ns.name());
  }

  private static void closeQuietly(NetworkNamespace ns, Exception failure) {
    if (ns == null) {
      return;
    }
    try {
      ns.close();
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** The left end: in tests, the sender. */
  public Endpoint left() {
    return left;
  }

  /** The right end: in tests, the host whose firewall is under test. */
  public Endpoint right() {
    return right;
  }

  /** Deletes both namespaces, and with them the link. Idempotent. */
  @Override
  public void close() throws IOException {
    try {
      right.namespace().close();
    } finally {
      left.namespace().close();
    }
  }

  @Override
  public String toString() {
    return "VethPair[" + left.namespace().name() + " " + left.address() + " <-> "
        + right.namespace().name() + " " + right.address() + "]";
  }
}
