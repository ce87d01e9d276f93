package io.tenet.topology.ipam;

import io.tenet.topology.net.MacAddress;
import java.util.Set;

/**
 * Picks a MAC for a port: the cloud-VM prefix fa:16:3e followed by 24 bits derived from the
 * port id, probing onward on collision, so the same port id gets the same MAC when it can.
 */
public final class MacAllocator {
  static final long PREFIX = 0xfa163eL << 24;
  private static final long SUFFIX_SPACE = 1L << 24;

  private MacAllocator() {}

  public static MacAddress allocate(String portId, Set<String> used) {
    long start = Integer.toUnsignedLong(portId.hashCode() * 0x9E3779B1) % SUFFIX_SPACE;
    for (long step = 0; step < SUFFIX_SPACE; step++) {
      MacAddress candidate = new MacAddress(PREFIX | ((start + step) % SUFFIX_SPACE));
      if (!used.contains(candidate.toString())) return candidate;
    }
    throw new IllegalStateException("all " + SUFFIX_SPACE + " MACs of the prefix are in use in one network");
  }
}
