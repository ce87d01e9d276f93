package io.tenet.topology.dataplane;

import io.tenet.persistence.TenetSerializable;

/**
 * A packet to trace, sent by the VM behind port {@code fromPortId} (plugged into {@code datapathId}
 * on OpenFlow port {@code inPort}) with its own MAC and IP, to {@code dstIp}. {@code dstMac} is
 * known when the destination was named as a port; when null, the datapath resolves it from the
 * source network's view as its ARP answers would, and a destination nobody has is traced as the
 * ARP request the VM would send first. {@code srcPort}/{@code dstPort} only for TCP and UDP.
 */
public record TraceRequest(String fromPortId, String datapathId, long inPort, String networkId, String srcMac, String srcIp,
    String dstIp, String dstMac, TraceProtocol protocol, Integer srcPort, Integer dstPort) implements TenetSerializable {}
