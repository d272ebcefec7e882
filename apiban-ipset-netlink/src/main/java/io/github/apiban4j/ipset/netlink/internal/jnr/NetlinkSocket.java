package io.github.apiban4j.ipset.netlink.internal.jnr;

import io.github.apiban4j.ipset.netlink.internal.NetlinkChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A {@code NETLINK_NETFILTER} socket, optionally opened inside another network namespace. A socket
 * belongs to the namespace it was created in for its whole life, so only the open needs to happen
 * there: on a fresh thread that enters the namespace, creates the socket and then dies, which
 * leaves no pooled thread in the wrong namespace.
 *
 * <p>Buffers are raised with the {@code FORCE} options (which need {@code CAP_NET_ADMIN}, as
 * every ipset change does) so that a batch of big messages fits in one {@code send()} and its
 * replies fit in the receive queue. Interrupted calls are retried. Not thread-safe: the session
 * that owns it confines it to one caller at a time.
 */
public final class NetlinkSocket implements NetlinkChannel {
  /** Asked of the kernel for each direction; it stores twice this. */
  static final int SOCKET_BUFFER = 4 << 20;

  private final LibC libc;
  private int fd;

  private NetlinkSocket(LibC libc, int fd) {
    this.libc = libc;
    this.fd = fd;
  }

  /**
   * Opens and binds a socket, inside {@code namespace} if given.
   *
   * @param namespace a network namespace file: {@code /run/netns/NAME} or {@code /proc/PID/ns/net}
   * @param replyTimeout how long a receive may wait before it fails with {@link Errno#EAGAIN}
   * @throws ErrnoException if a call fails: {@code EPROTONOSUPPORT} from {@code socket} means the
   *     kernel has no nfnetlink, {@code EPERM} from {@code setns} means no {@code CAP_SYS_ADMIN}
   */
  public static NetlinkSocket open(Optional<Path> namespace, Duration replyTimeout)
      throws IOException {
    LibC libc = NativeLibC.libc();
    if (namespace.isEmpty()) {
      return openHere(libc, replyTimeout);
    }
    return NamespaceThread.call(libc, namespace.get(), () -> openHere(libc, replyTimeout));
  }

  private static NetlinkSocket openHere(LibC libc, Duration replyTimeout) throws IOException {
    int fd = libc.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC,
        LibC.NETLINK_NETFILTER);
    if (fd < 0) {
      throw new ErrnoException("socket(AF_NETLINK, NETLINK_NETFILTER)", NativeLibC.errno());
    }
    NetlinkSocket socket = new NetlinkSocket(libc, fd);
    try {
      socket.bind();
      socket.bufferSize(LibC.SO_SNDBUFFORCE, LibC.SO_SNDBUF);
      socket.bufferSize(LibC.SO_RCVBUFFORCE, LibC.SO_RCVBUF);
      socket.option(LibC.SOL_NETLINK, LibC.NETLINK_EXT_ACK, intValue(1), "NETLINK_EXT_ACK");
      socket.option(LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, timeval(replyTimeout), "SO_RCVTIMEO");
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private void bind() throws ErrnoException {
    // struct sockaddr_nl: family, pad, pid 0 (the kernel assigns one), groups 0.
    ByteBuffer address = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder());
    address.putShort(0, (short) LibC.AF_NETLINK);
    if (libc.bind(fd, address, 12) != 0) {
      throw new ErrnoException("bind(AF_NETLINK)", NativeLibC.errno());
    }
  }

  private void bufferSize(int force, int plain) throws ErrnoException {
    if (libc.setsockopt(fd, LibC.SOL_SOCKET, force, intValue(SOCKET_BUFFER), 4) == 0) {
      return;
    }
    // Without CAP_NET_ADMIN the FORCE option fails; the plain one is capped by the sysctl maximum.
    option(LibC.SOL_SOCKET, plain, intValue(SOCKET_BUFFER), "socket buffer size");
  }

  private void option(int level, int option, ByteBuffer value, String what) throws ErrnoException {
    if (libc.setsockopt(fd, level, option, value, value.remaining()) != 0) {
      throw new ErrnoException("setsockopt(" + what + ")", NativeLibC.errno());
    }
  }

  private static ByteBuffer intValue(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value);
  }

  private static ByteBuffer timeval(Duration d) {
    // struct timeval on LP64: two longs, seconds and microseconds.
    return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
        .putLong(0, d.toSeconds()).putLong(8, d.toNanosPart() / 1000);
  }

  @Override
  public void send(ByteBuffer datagram) throws IOException {
    requireDirect(datagram);
    int length = datagram.remaining();
    while (true) {
      long sent = libc.send(requireOpen(), datagram, length, 0);
      if (sent >= 0) {
        if (sent != length) {
          throw new IOException("netlink send() took " + sent + " of " + length + " bytes");
        }
        datagram.position(datagram.limit());
        return;
      }
      int errno = NativeLibC.errno();
      if (errno != Errno.EINTR.code()) {
        throw new ErrnoException("send(" + length + " bytes)", errno);
      }
    }
  }

  @Override
  public int receive(ByteBuffer into) throws IOException {
    requireDirect(into);
    into.clear();
    while (true) {
      long n = libc.recv(requireOpen(), into, into.capacity(), LibC.MSG_TRUNC);
      if (n >= 0) {
        into.limit((int) Math.min(n, into.capacity()));
        return (int) Math.min(n, Integer.MAX_VALUE);
      }
      int errno = NativeLibC.errno();
      if (errno != Errno.EINTR.code()) {
        throw new ErrnoException("recv", errno);
      }
    }
  }

  private int requireOpen() throws IOException {
    if (fd < 0) {
      throw new IOException("netlink socket is closed");
    }
    return fd;
  }

  private static void requireDirect(ByteBuffer buffer) {
    if (!buffer.isDirect()) {
      throw new IllegalArgumentException("netlink I/O needs a direct buffer");
    }
  }

  @Override
  public void close() {
    if (fd >= 0) {
      libc.close(fd);
      fd = -1;
    }
  }
}
