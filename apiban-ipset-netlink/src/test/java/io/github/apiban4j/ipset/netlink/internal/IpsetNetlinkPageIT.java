package io.github.apiban4j.ipset.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.ipset.netlink.internal.codec.Ipset;
import io.github.apiban4j.ipset.netlink.internal.codec.NetlinkMessage;
import io.github.apiban4j.ipset.netlink.internal.jnr.NetlinkSocket;
import io.github.apiban4j.testkit.NetworkNamespace;
import io.github.apiban4j.testkit.TestAddresses;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A feed page goes to the kernel as its adds alone: the set's size is known from prepare() or the
 * previous batch, so no header is read (the kernel walks the whole hash to answer one). A large
 * batch, or one that might not fit, still reads it.
 */
class IpsetNetlinkPageIT {

  @Test
  void smallBatchesSendNoHeaderRequestLargeOnesDo() throws Exception {
    try (NetworkNamespace ns = NetworkNamespace.create()) {
      List<Integer> sent = new ArrayList<>();
      try (IpsetNetlinkBackend backend = new IpsetNetlinkBackend("apiban4", "apiban6", 700,
          () -> counting(NetlinkSocket.open(Optional.of(ns.path()), Duration.ofSeconds(5)), sent),
          NoHook.of())) {
        backend.prepare();
        sent.clear();

        backend.apply(new Diff(addresses(0, 250), AddressSet.empty()));
        backend.apply(new Diff(addresses(250, 500), addresses(0, 10)));
        assertThat(sent).doesNotContain(Ipset.messageType(Ipset.CMD_LIST))
            .contains(Ipset.messageType(Ipset.CMD_ADD), Ipset.messageType(Ipset.CMD_DEL));

        // 500 held at most, 250 more would pass the capacity of 700: read the header, then refuse.
        sent.clear();
        AddressSet more = addresses(500, 750);
        org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> backend.apply(new Diff(more, AddressSet.empty())))
            .hasMessageContaining("holds at most 700");
        assertThat(sent).contains(Ipset.messageType(Ipset.CMD_LIST))
            .doesNotContain(Ipset.messageType(Ipset.CMD_ADD));
        assertThat(backend.current()).isEqualTo(addresses(10, 500));
      }
    }
  }

  private static AddressSet addresses(int from, int to) {
    AddressSet.Builder b = AddressSet.builder();
    for (int i = from; i < to; i++) {
      b.add(TestAddresses.ipv6(i));
    }
    return b.build();
  }

  /** The channel, recording the type of every message sent. */
  private static NetlinkChannel counting(NetlinkChannel real, List<Integer> types) {
    return new NetlinkChannel() {
      @Override
      public void send(ByteBuffer datagram) throws IOException {
        NetlinkMessage.split(datagram.duplicate()).forEach(m -> types.add(m.type()));
        real.send(datagram);
      }

      @Override
      public int receive(ByteBuffer into) throws IOException {
        return real.receive(into);
      }

      @Override
      public void close() {
        real.close();
      }
    };
  }
}
