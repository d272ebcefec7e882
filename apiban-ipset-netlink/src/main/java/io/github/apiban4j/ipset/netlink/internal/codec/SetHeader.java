package io.github.apiban4j.ipset.netlink.internal.codec;

/**
 * What a {@code LIST} reply says about a set itself.
 *
 * @param name the set's name
 * @param typeName e.g. {@code hash:net}
 * @param family {@link Netlink#NFPROTO_IPV4} or {@link Netlink#NFPROTO_IPV6}
 * @param revision the type revision it was created with
 * @param hashSize buckets in the hash
 * @param maxElem the most elements it accepts
 * @param elements how many it holds
 * @param references how many rules reference it
 */
public record SetHeader(String name, String typeName, int family, int revision, int hashSize,
    int maxElem, int elements, int references) {}
