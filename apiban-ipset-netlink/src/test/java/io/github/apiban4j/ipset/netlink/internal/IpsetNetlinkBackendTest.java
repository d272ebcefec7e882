package io.github.apiban4j.ipset.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.ipset.netlink.internal.codec.Ipset;
import io.github.apiban4j.ipset.netlink.internal.codec.MessageWriter;
import io.github.apiban4j.ipset.netlink.internal.codec.NetlinkMessage;
import io.github.apiban4j.ipset.netlink.internal.jnr.Errno;
import io.github.apiban4j.ipset.netlink.internal.jnr.ErrnoException;
import io.github.apiban4j.ipset.netlink.internal.jnr.NativeUnavailableException;
import io.github.apiban4j.spi.BackendStatus;
import io.github.apiban4j.spi.BackendUnavailableException;
import io.github.apiban4j.spi.FirewallCapacityException;
import io.github.apiban4j.spi.FirewallException;
import io.github.apiban4j.spi.FirewallPermissionException;
import io.github.apiban4j.testkit.RecordingCommandRunner;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backend's handling of kernel answers it cannot work with, against a scripted kernel. */
class IpsetNetlinkBackendTest {
  private final List<ScriptedKernel> opened = new ArrayList<>();

  private final RecordingCommandRunner runner = RecordingCommandRunner.succeeding(c -> "");

  private IpsetNetlinkBackend backend(java.util.function.Function<NetlinkMessage, ByteBuffer> k) {
    return new IpsetNetlinkBackend("apiban4", "apiban6", 0, () -> {
      ScriptedKernel kernel = new ScriptedKernel();
      kernel.answer = k;
      opened.add(kernel);
      return kernel;
    }, NoHook.with(runner));
  }

  @Test
  void withHookNoneNoToolRunsAndTheStatusLeavesTheRulesToTheUser() throws Exception {
    IpsetNetlinkBackend b = backend(m -> {
      if (m.type() == Ipset.messageType(Ipset.CMD_LIST)) {
        return ScriptedKernel.ack(m, -Errno.ENOENT.code()); // no set yet: create it
      }
      if (m.type() == Ipset.messageType(Ipset.CMD_PROTOCOL)) {
        return protocolReply(m.seq(), 7, 6);
      }
      if (m.type() == Ipset.messageType(Ipset.CMD_TYPE)) {
        return typeReply(m.seq(), 7);
      }
      return ScriptedKernel.ack(m, 0);
    });

    assertThat(b.prepare()).isTrue();
    BackendStatus status = b.status();
    b.uninstall();

    assertThat(status.hook()).isEqualTo(BackendStatus.Hook.MISSING); // the scripted sets vanish
    assertThat(status.hookDetail()).contains("hook=none");
    assertThat(runner.commands()).isEmpty();
    assertThat(opened.get(0).sends.stream().flatMap(List::stream))
        .anyMatch(m -> m.type() == Ipset.messageType(Ipset.CMD_CREATE))
        .anyMatch(m -> m.type() == Ipset.messageType(Ipset.CMD_DESTROY));
  }

  @Test
  void aKernelThatSpeaksOnlyANewerProtocolIsRefusedByName() {
    IpsetNetlinkBackend b = backend(m -> {
      if (m.type() == Ipset.messageType(Ipset.CMD_LIST)) {
        return ScriptedKernel.ack(m, -Errno.ENOENT.code()); // no set yet: create it
      }
      if (m.type() == Ipset.messageType(Ipset.CMD_PROTOCOL)) {
        return protocolReply(m.seq(), 9, 8);
      }
      return ScriptedKernel.ack(m, 0);
    });

    assertThatThrownBy(b::prepare).isInstanceOf(FirewallException.class)
        .hasMessageContaining("the kernel speaks ipset protocol 8 to 9 and apiban4j speaks 7");
    assertThat(opened.get(0).sends.stream().flatMap(List::stream))
        .noneMatch(m -> m.type() == Ipset.messageType(Ipset.CMD_CREATE));
  }

  @Test
  void aLostReplyIsRetriedOnceOnANewSocketThenReported() {
    IpsetNetlinkBackend b = backend(m -> null); // the kernel never answers
    assertThatThrownBy(() -> b.apply(new Diff(AddressSet.builder().add("192.0.2.1").build(),
        AddressSet.empty())))
        .isInstanceOf(FirewallException.class).hasMessageContaining("no reply from the kernel");
    assertThat(opened).hasSize(2);
    assertThat(opened).allMatch(k -> k.closed);
  }

  @Test
  void errorsBecomeTheSpisTypedExceptionsWithWhatToDo() {
    assertThat(IpsetErrors.translate("apply", new ErrnoException("socket", 1)))
        .isInstanceOf(FirewallPermissionException.class).hasMessageContaining("CAP_NET_ADMIN");
    assertThat(IpsetErrors.translate("prepare", new ErrnoException("socket", 93)))
        .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("modprobe");
    assertThat(IpsetErrors.translate("prepare",
        new NativeUnavailableException(new UnsatisfiedLinkError("noexec /tmp"))))
        .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("jffi.extract.dir");
    assertThat(IpsetErrors.translate("apply", kernel(Ipset.ERR_HASH_FULL)))
        .isNotInstanceOf(FirewallCapacityException.class).isInstanceOf(FirewallException.class)
        .hasMessageContaining("set is full").hasMessageContaining("entries before it were added");
    assertThat(IpsetErrors.translate("apply", kernel(1)))
        .isInstanceOf(FirewallPermissionException.class).hasMessageContaining("CAP_NET_ADMIN");
    assertThat(IpsetErrors.translate("prepare", kernel(Ipset.ERR_FIND_TYPE)))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("modprobe ip_set_hash_net");
    assertThat(IpsetErrors.translate("uninstall", kernel(Ipset.ERR_BUSY)))
        .hasMessageContaining("remove the rule that references it");
    assertThat(IpsetErrors.translate("apply", kernel(Ipset.ERR_PROTOCOL)))
        .hasMessageContaining("address family does not match");
  }

  private static IpsetKernelException kernel(int code) {
    return new IpsetKernelException("add", "apiban4",
        new io.github.apiban4j.ipset.netlink.internal.codec.KernelError(code, 1,
            java.util.OptionalInt.empty(), ""), null);
  }

  /** A TYPE reply: a data message with the highest revision. */
  private static ByteBuffer typeReply(int seq, int revision) {
    MessageWriter w = MessageWriter.allocateDirect(64);
    int start = w.beginMessage(Ipset.messageType(Ipset.CMD_TYPE), 0, seq);
    w.putU8(Ipset.ATTR_REVISION, revision);
    w.endMessage(start);
    return w.written();
  }

  /** A PROTOCOL reply as the kernel sends it: a data message with the two versions. */
  private static ByteBuffer protocolReply(int seq, int protocol, int min) {
    MessageWriter w = MessageWriter.allocateDirect(64);
    int start = w.beginMessage(Ipset.messageType(Ipset.CMD_PROTOCOL), 0, seq);
    w.putU8(Ipset.ATTR_PROTOCOL, protocol);
    w.putU8(Ipset.ATTR_PROTOCOL_MIN, min);
    w.endMessage(start);
    return w.written();
  }
}
