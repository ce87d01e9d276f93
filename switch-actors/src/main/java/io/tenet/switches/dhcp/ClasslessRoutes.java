package io.tenet.switches.dhcp;

import io.tenet.switches.dhcp.DhcpLease.HostRoute;
import io.tenet.topology.net.Ipv4Cidr;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * RFC 3442 option 121: per route, the prefix width, then only the significant octets of the
 * destination (ceil(width / 8)), then the router's four octets.
 */
public final class ClasslessRoutes {
  private ClasslessRoutes() {}

  public static byte[] encode(List<HostRoute> routes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (HostRoute route : routes) {
      Ipv4Cidr destination = Ipv4Cidr.parse(route.destination()).orElseThrow();
      int width = destination.prefixLength();
      out.write(width);
      out.write(Wire.ipBytes(destination.network().toString()), 0, (width + 7) / 8);
      out.writeBytes(Wire.ipBytes(route.nexthop()));
    }
    return out.toByteArray();
  }
}
