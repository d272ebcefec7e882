package io.github.apiban4j.ipset.netlink.internal;

import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.ipset.netlink.internal.codec.Elements;
import io.github.apiban4j.ipset.netlink.internal.codec.Ipset;
import io.github.apiban4j.ipset.netlink.internal.codec.IpsetReplies;
import io.github.apiban4j.ipset.netlink.internal.codec.IpsetRequests;
import io.github.apiban4j.ipset.netlink.internal.codec.KernelError;
import io.github.apiban4j.ipset.netlink.internal.codec.ListReply;
import io.github.apiban4j.ipset.netlink.internal.codec.MalformedMessageException;
import io.github.apiban4j.ipset.netlink.internal.codec.MessageWriter;
import io.github.apiban4j.ipset.netlink.internal.codec.Netlink;
import io.github.apiban4j.ipset.netlink.internal.codec.NetlinkMessage;
import io.github.apiban4j.ipset.netlink.internal.jnr.Errno;
import io.github.apiban4j.ipset.netlink.internal.jnr.ErrnoException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ipset conversation over one netlink socket: requests encoded into one reusable direct buffer,
 * bulk adds and deletes packed many messages to a {@code send()}, and every reply matched to its
 * request by sequence number.
 *
 * <p>When the reply stream cannot be trusted (replies dropped with ENOBUFS, a receive timeout, a
 * reply to a request never sent, a reply that does not parse) the socket is closed and {@link
 * NetlinkDesyncException} thrown; the next call opens a new one. Callers re-read the kernel's state
 * rather than guess what happened. Not thread-safe.
 */
public final class IpsetSession implements Closeable {
  /**
   * Messages per {@code send()}. Each failure reply echoes its whole request (up to 64 KiB), so this
   * keeps a batch's worst-case replies well inside the receive queue.
   */
  static final int MAX_MESSAGES_PER_SEND = 16;

  private static final int SEND_BUFFER = MAX_MESSAGES_PER_SEND * (Netlink.NLA_MAX_LEN + 256);
  private static final int RECEIVE_BUFFER = 256 << 10;

  private final NetlinkChannel.Factory factory;
  private final MessageWriter out = MessageWriter.allocateDirect(SEND_BUFFER);
  private final IpsetRequests requests = new IpsetRequests(out);
  private final ByteBuffer in = ByteBuffer.allocateDirect(RECEIVE_BUFFER);
  private NetlinkChannel channel;
  private int seq = ThreadLocalRandom.current().nextInt() & 0x7fff_ffff;
  private int reopened;

  public IpsetSession(NetlinkChannel.Factory factory) {
    this.factory = factory;
  }

  /** How many times a socket was discarded and replaced; for tests and diagnostics. */
  public int reopenCount() {
    return reopened;
  }

  /**
   * The kernel's protocol range: {protocol, minimum}.
   *
   * @throws IpsetKernelException if the kernel refuses the request
   */
  public int[] protocol() throws IOException {
    return dataRequest("protocol", "-", requests::protocol, IpsetReplies::protocol);
  }

  /** The highest revision the kernel supports of {@code typeName} in {@code family}. */
  public int maxRevision(String typeName, int family) throws IOException {
    return dataRequest("type", typeName, s -> requests.type(s, typeName, family),
        IpsetReplies::maxRevision);
  }

  /** Creates a {@code hash:net}-like set, or succeeds if an identical one exists. */
  public void create(String set, String typeName, int revision, int family, int hashSize,
      int maxElem) throws IOException {
    ack("create", set, s -> requests.create(s, set, typeName, revision, family, hashSize, maxElem));
  }

  /** Destroys a set; succeeds if it does not exist. */
  public void destroy(String set) throws IOException {
    KernelError reply = exchangeOne(s -> requests.destroy(s, set));
    // Kernels since 5.11 acknowledge a missing set; older ones answer ENOENT.
    if (!reply.isAck() && reply.errno() != Errno.ENOENT.code()) {
      throw new IpsetKernelException("destroy", set, reply, null);
    }
  }

  /** Empties a set. */
  public void flush(String set) throws IOException {
    ack("flush", set, s -> requests.flush(s, set));
  }

  /** Exchanges two sets' names. */
  public void swap(String set, String other) throws IOException {
    ack("swap", set, s -> requests.swap(s, set, other));
  }

  /** Whether {@code entry} is matched by {@code set}. */
  public boolean test(String set, IpPrefix entry) throws IOException {
    KernelError reply = exchangeOne(s -> requests.test(s, set, entry));
    if (reply.isAck()) {
      return true;
    }
    if (reply.errno() == Ipset.ERR_EXIST) {
      return false;
    }
    throw new IpsetKernelException("test", set, reply, entry);
  }

  /**
   * Dumps {@code set}: its header, and its members unless {@code headerOnly}.
   *
   * @return empty if the set does not exist
   */
  public Optional<ListReply> list(String set, boolean headerOnly) throws IOException {
    try {
      out.clear();
      int s = nextSeq();
      requests.list(s, set, headerOnly);
      send();
      ListReply reply = new ListReply();
      while (true) {
        for (NetlinkMessage m : receive()) {
          requireSeq(m, s, s);
          if (m.isDone()) {
            // A dump that fails part-way ends with its error in DONE's payload, not in an ERROR.
            int error = m.payload().limit() >= 4 ? -m.payload().getInt(0) : 0;
            if (error != 0) {
              throw new IpsetKernelException("list", set,
                  new KernelError(error, s, OptionalInt.empty(), ""), null);
            }
            return Optional.of(reply);
          }
          if (m.isError()) {
            KernelError e = KernelError.decode(m);
            if (e.errno() == Errno.ENOENT.code()) {
              return Optional.empty();
            }
            throw new IpsetKernelException("list", set, e, null);
          }
          if ((m.flags() & Netlink.NLM_F_DUMP_INTR) != 0) {
            throw desync("the dump of " + set + " was interrupted by a concurrent change", null);
          }
          reply.accept(m);
        }
      }
    } catch (MalformedMessageException e) {
      throw desync(e.getMessage(), e);
    }
  }

  /**
   * Adds or deletes {@code entries} in bulk, as {@link #change} does.
   *
   * @param command {@link Ipset#CMD_ADD} or {@link Ipset#CMD_DEL}
   */
  public void bulk(int command, String set, Iterable<IpPrefix> entries) throws IOException {
    if (command == Ipset.CMD_DEL) {
      change(set, entries, List.of());
    } else {
      change(set, List.of(), entries);
    }
  }

  /**
   * Deletes {@code remove} from {@code set}, then adds {@code add}: about 2,000 elements a message,
   * the deletions' messages first, up to {@value #MAX_MESSAGES_PER_SEND} messages a {@code send()}
   * (so a small change of both kinds is one), every ACK collected before the next send. The
   * kernel runs the messages of a send in order, applies a message's elements in order and stops
   * it at its first failing element, which the error names through its line number.
   *
   * @throws IpsetKernelException at the first refused message, after its whole send was answered:
   *     elements before the failing one were applied, as were the other messages of that send
   *     (additions sent with a refused deletion included)
   */
  public void change(String set, Iterable<IpPrefix> remove, Iterable<IpPrefix> add)
      throws IOException {
    Elements deletions = new Elements(remove);
    Elements additions = new Elements(add);
    int firstAddition = 0; // the sequence number of the first ADD message, once there is one
    boolean adding = false;
    while (deletions.hasNext() || additions.hasNext()) {
      out.clear();
      int first = seq + 1;
      int messages = 0;
      while (messages < MAX_MESSAGES_PER_SEND && (deletions.hasNext() || additions.hasNext())) {
        boolean deleting = deletions.hasNext();
        int s = nextSeq();
        if (requests.adt(s, deleting ? Ipset.CMD_DEL : Ipset.CMD_ADD, set,
            deleting ? deletions : additions) == 0) {
          seq--;
          break;
        }
        if (!deleting && !adding) {
          adding = true;
          firstAddition = s;
        }
        messages++;
      }
      if (messages == 0) {
        throw new IllegalStateException("one element does not fit in an empty send buffer");
      }
      send();
      KernelError failed = awaitAcks(first, messages);
      if (failed != null) {
        boolean inAddition = adding && failed.seq() - firstAddition >= 0;
        Elements refused = inAddition ? additions : deletions;
        IpPrefix element = failed.lineno().isPresent()
            ? refused.at(failed.lineno().getAsInt() - 1).orElse(null) : null;
        throw new IpsetKernelException(inAddition ? "add" : "del", set, failed, element);
      }
    }
  }

  private interface Encoder {
    void encode(int seq);
  }

  private interface Decoder<T> {
    T decode(NetlinkMessage reply);
  }

  private void ack(String command, String set, Encoder encoder) throws IOException {
    KernelError reply = exchangeOne(encoder);
    if (!reply.isAck()) {
      throw new IpsetKernelException(command, set, reply, null);
    }
  }

  private KernelError exchangeOne(Encoder encoder) throws IOException {
    out.clear();
    int s = nextSeq();
    encoder.encode(s);
    send();
    KernelError failed = awaitAcks(s, 1);
    return failed == null ? new KernelError(0, s, OptionalInt.empty(), "") : failed;
  }

  private <T> T dataRequest(String command, String subject, Encoder encoder, Decoder<T> decoder)
      throws IOException {
    out.clear();
    int s = nextSeq();
    encoder.encode(s);
    send();
    try {
      for (NetlinkMessage m : receive()) {
        requireSeq(m, s, s);
        if (m.isError()) {
          throw new IpsetKernelException(command, subject, KernelError.decode(m), null);
        }
        return decoder.decode(m);
      }
      throw desync("empty reply to " + command, null);
    } catch (MalformedMessageException e) {
      throw desync(e.getMessage(), e);
    }
  }

  /** Reads until each of {@code count} requests from {@code first} has its ACK or error. */
  private KernelError awaitAcks(int first, int count) throws IOException {
    KernelError firstFailure = null;
    int answered = 0;
    try {
      while (answered < count) {
        for (NetlinkMessage m : receive()) {
          requireSeq(m, first, first + count - 1);
          if (!m.isError()) {
            throw desync("expected an ACK, got message type " + m.type(), null);
          }
          KernelError e = KernelError.decode(m);
          if (!e.isAck() && firstFailure == null) {
            firstFailure = e;
          }
          answered++;
        }
      }
    } catch (MalformedMessageException e) {
      throw desync(e.getMessage(), e);
    }
    return firstFailure;
  }

  private void requireSeq(NetlinkMessage m, int low, int high) throws NetlinkDesyncException {
    if (Integer.compareUnsigned(m.seq() - low, high - low) > 0) {
      throw desync("reply with sequence number " + Integer.toUnsignedString(m.seq())
          + " answers no request in flight (" + Integer.toUnsignedString(low) + ".."
          + Integer.toUnsignedString(high) + ")", null);
    }
  }

  private void send() throws IOException {
    try {
      channel().send(out.written());
    } catch (ErrnoException e) {
      if (e.errno() == Errno.ENOBUFS || e.errno() == Errno.EAGAIN) {
        throw desync("send failed: " + e.getMessage(), e);
      }
      throw e;
    }
  }

  private List<NetlinkMessage> receive() throws IOException {
    int length;
    try {
      length = channel().receive(in);
    } catch (ErrnoException e) {
      if (e.errno() == Errno.ENOBUFS) {
        throw desync("the kernel dropped replies (ENOBUFS)", e);
      }
      if (e.errno() == Errno.EAGAIN) {
        throw desync("no reply from the kernel in time", e);
      }
      throw e;
    }
    if (length > in.limit()) {
      throw desync("a reply of " + length + " bytes did not fit the " + in.capacity()
          + "-byte receive buffer", null);
    }
    return NetlinkMessage.split(in);
  }

  private NetlinkChannel channel() throws IOException {
    if (channel == null) {
      channel = factory.open();
    }
    return channel;
  }

  private NetlinkDesyncException desync(String message, Throwable cause) {
    if (channel != null) {
      channel.close();
      channel = null;
      reopened++;
    }
    return new NetlinkDesyncException(message + "; the socket was closed and a new one will be"
        + " opened", cause);
  }

  private int nextSeq() {
    return ++seq;
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

}
