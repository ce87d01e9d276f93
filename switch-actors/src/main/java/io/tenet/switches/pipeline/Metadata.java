package io.tenet.switches.pipeline;

/**
 * What the pipeline carries in the 64-bit OpenFlow metadata between tables, so every flow is
 * standard OpenFlow 1.3 (no vendor registers):
 * <pre>
 *  bits  0-23  the network's VNI                       (set in classify)
 *  bit     24  1 = the packet came through a tunnel    (set in classify; never tunnelled again)
 *  bit     25  1 = an egress rule allows it            (set in egress_rules, read in egress_verdict)
 *  bit     26  1 = an ingress rule allows it           (set in ingress_rules, read in ingress_verdict)
 *  bit     27  1 = the packet came from a VLAN bridged to the network (set in classify on a layer-2 gateway's host)
 *  bits 32-47  the local OpenFlow port to deliver to   (set in l2_lookup, used by output)
 * </pre>
 */
public final class Metadata {
  private Metadata() {}

  public static final long VNI_MASK = 0xFF_FFFFL;
  public static final long FROM_TUNNEL = 1L << 24;
  public static final long NETWORK_AND_ORIGIN_MASK = VNI_MASK | FROM_TUNNEL;
  /** A frame of a physical network's VLAN that a layer-2 gateway let into the network: never sent back to the VLAN, nor to another gateway host. */
  public static final long FROM_PHYSICAL = 1L << 27;
  public static final long NETWORK_AND_ANY_ORIGIN_MASK = NETWORK_AND_ORIGIN_MASK | FROM_PHYSICAL;
  /** Separate bits per direction: a packet an egress rule allowed must not look allowed at its receiver's ingress. */
  public static final long EGRESS_ALLOWED = 1L << 25;
  public static final long INGRESS_ALLOWED = 1L << 26;
  public static final int PORT_SHIFT = 32;
  public static final long PORT_MASK = 0xFFFFL << PORT_SHIFT;

  /** {@code value/mask} in ovs-ofctl notation. */
  public static String masked(long value, long mask) {
    return "0x" + Long.toHexString(value) + "/0x" + Long.toHexString(mask);
  }

  public static long port(long ofport) {
    return ofport << PORT_SHIFT;
  }
}
