package io.tenet.switches.dhcp;

import static io.tenet.switches.dhcp.DhcpFrame.BROADCAST_IP;
import static io.tenet.switches.dhcp.DhcpFrame.NO_IP;

import io.tenet.switches.dhcp.DhcpLease.HostRoute;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The controller's DHCP server for one port: a pure function of the packet-in and the port's
 * lease. It is authoritative (the lease is the only address the port may hold), so a request for
 * another address is refused with a NAK rather than ignored, and the client starts over at once.
 * Replies go straight to the VM's port, so they are unicast to the client MAC whatever the
 * broadcast flag says.
 */
public final class DhcpResponder {
  private DhcpResponder() {}

  /** The reply frame, or empty when the frame is unreadable or calls for silence. */
  public static Optional<byte[]> answer(byte[] frame, DhcpLease lease) {
    return decide(frame, lease) instanceof DhcpDecision.Reply reply ? Optional.of(reply.frame()) : Optional.empty();
  }

  /** Like {@link #answer}, keeping the reason for silence; never throws on any frame. */
  public static DhcpDecision decide(byte[] frame, DhcpLease lease) {
    DhcpFrame request;
    try {
      request = DhcpFrame.parse(frame);
    } catch (DhcpFrameException unreadable) {
      return new DhcpDecision.Silence("unreadable frame: " + unreadable.getMessage());
    }
    return decide(request, lease);
  }

  /** For a caller that has already read the frame. */
  public static DhcpDecision decide(DhcpFrame request, DhcpLease lease) {
    if (request.op() != DhcpFrame.BOOTREQUEST || request.srcPort() != DhcpFrame.CLIENT_PORT || request.dstPort() != DhcpFrame.SERVER_PORT) {
      return silence("not a client message: op " + request.op() + ", UDP " + request.srcPort() + " -> " + request.dstPort());
    }
    // port security upstream should already stop a VM speaking for another MAC
    if (!request.chaddr().equals(lease.clientMac())) return silence("chaddr " + request.chaddr() + " is not the port's MAC " + lease.clientMac());
    return switch (request.type()) {
      case DISCOVER -> reply(DhcpMessageType.OFFER, request, lease, NO_IP);
      case REQUEST -> request(request, lease);
      case INFORM -> inform(request, lease);
      case DECLINE -> silence("DECLINE: the client found " + request.options().requestedIp().orElse("its address") + " in use by another host");
      case RELEASE -> silence("RELEASE: nothing to free, the address stays the port's");
      case OFFER, ACK, NAK -> silence("a client sent a server's message type " + request.type());
    };
  }

  private static DhcpDecision request(DhcpFrame request, DhcpLease lease) {
    Optional<String> serverId = request.options().serverId();
    if (serverId.isPresent() && !serverId.get().equals(lease.serverIp())) {
      return silence("REQUEST for server " + serverId.get() + ", not ours (" + lease.serverIp() + ")");
    }
    // SELECTING and INIT-REBOOT name the address in option 50; RENEWING and REBINDING in ciaddr
    Optional<String> asked = request.options().requestedIp().or(() -> Optional.of(request.ciaddr()).filter(ip -> !ip.equals(NO_IP)));
    if (asked.isEmpty()) return silence("REQUEST names no address (neither option 50 nor ciaddr)");
    if (!asked.get().equals(lease.ip())) return nak(request, lease);
    return reply(DhcpMessageType.ACK, request, lease, request.ciaddr());
  }

  /** OFFER or ACK of the lease: yiaddr and IP destination are the lease IP. */
  private static DhcpDecision reply(DhcpMessageType type, DhcpFrame request, DhcpLease lease, String ciaddr) {
    DhcpOptions options = leaseTimes(serverOptions(type, lease), lease.leaseSeconds());
    options = echoClientId(configuration(options, lease), request);
    return send(type, request, lease, lease.ip(), ciaddr, lease.ip(), options);
  }

  /** RFC 2131 §3.4/§4.3.5: configuration only, no yiaddr and no lease times; sent to the address the client already has. */
  private static DhcpDecision inform(DhcpFrame request, DhcpLease lease) {
    DhcpOptions options = echoClientId(configuration(serverOptions(DhcpMessageType.ACK, lease), lease), request);
    String destination = request.ciaddr().equals(NO_IP) ? BROADCAST_IP : request.ciaddr();
    return send(DhcpMessageType.ACK, request, lease, destination, request.ciaddr(), NO_IP, options);
  }

  /** RFC 2131 §4.3.2: a NAK carries only the type and server id, to the broadcast address. */
  private static DhcpDecision nak(DhcpFrame request, DhcpLease lease) {
    DhcpOptions options = echoClientId(serverOptions(DhcpMessageType.NAK, lease), request);
    return send(DhcpMessageType.NAK, request, lease, BROADCAST_IP, NO_IP, NO_IP, options);
  }

  private static DhcpDecision send(DhcpMessageType type, DhcpFrame request, DhcpLease lease, String ipDst, String ciaddr, String yiaddr, DhcpOptions options) {
    DhcpFrame reply = new DhcpFrame(
        lease.clientMac(), lease.serverMac(), lease.serverIp(), ipDst, DhcpFrame.SERVER_PORT, DhcpFrame.CLIENT_PORT,
        DhcpFrame.BOOTREPLY, request.xid(), 0, request.flags(), ciaddr, yiaddr, NO_IP, request.giaddr(), request.chaddr(), options);
    return new DhcpDecision.Reply(type, reply.encode());
  }

  private static DhcpOptions serverOptions(DhcpMessageType type, DhcpLease lease) {
    return DhcpOptions.empty()
        .with(DhcpOptions.MESSAGE_TYPE, new byte[] {(byte) type.code()})
        .with(DhcpOptions.SERVER_ID, Wire.ipBytes(lease.serverIp()));
  }

  /** T1 at 50% and T2 at 87.5% of the lease, the RFC 2131 §4.4.5 defaults, sent so no client has to guess. */
  private static DhcpOptions leaseTimes(DhcpOptions options, int leaseSeconds) {
    return options
        .with(DhcpOptions.LEASE_TIME, u32(leaseSeconds))
        .with(DhcpOptions.RENEWAL_TIME, u32(leaseSeconds / 2))
        .with(DhcpOptions.REBINDING_TIME, u32((int) (leaseSeconds * 7L / 8)));
  }

  private static DhcpOptions configuration(DhcpOptions options, DhcpLease lease) {
    options = options.with(DhcpOptions.SUBNET_MASK, Wire.ipBytes(lease.subnetMask()));
    if (lease.gateway() != null) options = options.with(DhcpOptions.ROUTER, Wire.ipBytes(lease.gateway()));
    if (!lease.dnsServers().isEmpty()) options = options.with(DhcpOptions.DNS_SERVERS, ips(lease.dnsServers()));
    if (lease.domainName() != null) options = options.with(DhcpOptions.DOMAIN_NAME, lease.domainName().getBytes(StandardCharsets.US_ASCII));
    options = options.with(DhcpOptions.INTERFACE_MTU, new byte[] {(byte) (lease.mtu() >>> 8), (byte) lease.mtu()});
    if (!lease.hostRoutes().isEmpty()) options = options.with(DhcpOptions.CLASSLESS_STATIC_ROUTES, ClasslessRoutes.encode(routes(lease)));
    return options;
  }

  /** RFC 3442: a client given option 121 ignores option 3, so the default route must be among the classless ones. */
  private static List<HostRoute> routes(DhcpLease lease) {
    List<HostRoute> routes = new ArrayList<>(lease.hostRoutes());
    if (lease.gateway() != null && routes.stream().noneMatch(HostRoute::isDefault)) routes.add(new HostRoute("0.0.0.0/0", lease.gateway()));
    return routes;
  }

  /** RFC 6842: a client that identified itself with option 61 gets it back, to match the reply to itself. */
  private static DhcpOptions echoClientId(DhcpOptions options, DhcpFrame request) {
    Optional<byte[]> clientId = request.options().clientId();
    return clientId.isPresent() ? options.with(DhcpOptions.CLIENT_ID, clientId.get()) : options;
  }

  private static byte[] ips(List<String> ips) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String ip : ips) out.writeBytes(Wire.ipBytes(ip));
    return out.toByteArray();
  }

  private static byte[] u32(int value) {
    byte[] bytes = new byte[4];
    Wire.put32(bytes, 0, value);
    return bytes;
  }

  private static DhcpDecision silence(String reason) {
    return new DhcpDecision.Silence(reason);
  }
}
