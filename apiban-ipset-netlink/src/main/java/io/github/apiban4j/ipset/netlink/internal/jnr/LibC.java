package io.github.apiban4j.ipset.netlink.internal.jnr;

import java.nio.ByteBuffer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc calls the netlink socket needs, bound by jnr-ffi. Direct buffers are passed as their
 * address plus position, without copying; the small heap buffers (socket addresses, option values)
 * are copied in.
 */
public interface LibC {
  int AF_NETLINK = 16;
  int SOCK_RAW = 3;
  int SOCK_CLOEXEC = 0x80000;
  int NETLINK_NETFILTER = 12;
  int SOL_SOCKET = 1;
  int SO_SNDBUF = 7;
  int SO_RCVBUF = 8;
  int SO_RCVTIMEO = 20;
  int SO_SNDBUFFORCE = 32;
  int SO_RCVBUFFORCE = 33;
  int SOL_NETLINK = 270;
  int NETLINK_EXT_ACK = 11;
  int MSG_TRUNC = 0x20;
  int O_RDONLY = 0;
  int O_CLOEXEC = 0x80000;
  int CLONE_NEWNET = 0x40000000;

  @SaveError
  int socket(int domain, int type, int protocol);

  @SaveError
  int bind(int fd, @In ByteBuffer address, int length);

  @SaveError
  int setsockopt(int fd, int level, int option, @In ByteBuffer value, int length);

  @SaveError
  @ssize_t
  long send(int fd, @In ByteBuffer buffer, @size_t long length, int flags);

  @SaveError
  @ssize_t
  long recv(int fd, @Out ByteBuffer buffer, @size_t long length, int flags);

  @SaveError
  int close(int fd);

  @SaveError
  int open(String path, int flags);

  @SaveError
  int setns(int fd, int nsType);
}
