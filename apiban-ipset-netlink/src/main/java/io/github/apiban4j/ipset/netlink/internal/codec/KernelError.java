package io.github.apiban4j.ipset.netlink.internal.codec;

import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * An {@code NLMSG_ERROR} reply: an ACK when {@link #errno()} is 0, otherwise the kernel's refusal of
 * the request with sequence number {@link #seq()}.
 *
 * @param errno the positive error code: an errno, or one of ipset's own codes from 4096 up
 * @param seq the sequence number of the request it answers
 * @param lineno the failing element's line number, when the request was a bulk ADD/DEL whose
 *     elements carried line numbers (the kernel writes it into the echoed top-level LINENO)
 * @param kernelMessage the extended-ACK text, or empty
 */
public record KernelError(int errno, int seq, OptionalInt lineno, String kernelMessage) {
  private static final int NLM_F_CAPPED = 0x100;

  /** Whether this is a plain ACK. */
  public boolean isAck() {
    return errno == 0;
  }

  /**
   * Decodes an {@code NLMSG_ERROR} message.
   *
   * @throws MalformedMessageException if it is too short to hold an error code and echoed header
   */
  public static KernelError decode(NetlinkMessage message) {
    ByteBuffer p = message.payload();
    if (p.limit() < 4 + Netlink.NLMSG_HDRLEN) {
      throw new MalformedMessageException("error reply of " + p.limit() + " bytes is too short");
    }
    int errno = -p.getInt(0);
    int echoedLength = p.getInt(4);
    int echoedSeq = p.getInt(4 + 8);
    boolean capped = (message.flags() & NLM_F_CAPPED) != 0 || errno == 0;
    int echoEnd = capped ? 4 + Netlink.NLMSG_HDRLEN : Math.min(p.limit(), 4 + echoedLength);
    OptionalInt lineno = OptionalInt.empty();
    if (!capped && echoEnd - 4 > Netlink.NLMSG_HDRLEN + Netlink.NFGENMSG_LEN) {
      Attributes request = new Attributes(p, 4 + Netlink.NLMSG_HDRLEN + Netlink.NFGENMSG_LEN, echoEnd);
      lineno = request.u32Be(Ipset.ATTR_LINENO);
    }
    String text = "";
    int tlvStart = Netlink.align(echoEnd);
    if ((message.flags() & Netlink.NLM_F_ACK_TLVS) != 0 && tlvStart < p.limit()) {
      String found = new Attributes(p, tlvStart, p.limit()).string(Netlink.NLMSGERR_ATTR_MSG);
      text = found == null ? "" : found;
    }
    return new KernelError(errno, echoedSeq, lineno.isPresent() && lineno.getAsInt() == 0
        ? OptionalInt.empty() : lineno, text);
  }
}
