package io.tenet.switches.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.compile.SampleViews;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** On SampleViews' gateway hypervisor: r1's gateway fa:16:3e:00:0e:01 at 203.0.113.10, the external network on patch port 5. */
class NeighborResolverTest {
  static final String GATEWAY_MAC = "fa:16:3e:00:0e:01";

  @Test
  void anArpFrameReadsBackAsWritten() {
    ArpFrame request = ArpFrame.request(GATEWAY_MAC, "203.0.113.10", "203.0.113.77");
    byte[] frame = request.frame();
    assertEquals(42, frame.length);
    assertEquals("ff:ff:ff:ff:ff:ff", macAt(frame, 0));
    assertEquals(Optional.of(request), ArpFrame.read(frame));
    ArpFrame reply = new ArpFrame(ArpFrame.REPLY, "02:00:00:0e:00:01", "203.0.113.1", GATEWAY_MAC, "203.0.113.10");
    assertEquals(GATEWAY_MAC, macAt(reply.frame(), 0), "a reply goes to its target");
    assertEquals(Optional.of(reply), ArpFrame.read(reply.frame()));
    assertEquals(Optional.empty(), ArpFrame.read(new byte[20]));
    byte[] tagged = request.frame(100);
    assertEquals(46, tagged.length);
    assertEquals(List.of(0x81, 0x00, 0x00, 0x64), List.of(tagged[12] & 0xff, tagged[13] & 0xff, tagged[14] & 0xff, tagged[15] & 0xff), "802.1Q, VLAN 100");
    assertEquals(0x0806, ((tagged[16] & 0xff) << 8) | (tagged[17] & 0xff));
  }

  @Test
  void anArpAnswerOnThePatchPortTeachesTheHostsMac() {
    byte[] answer = new ArpFrame(ArpFrame.REPLY, "02:00:00:0e:00:07", "203.0.113.7", GATEWAY_MAC, "203.0.113.10").frame();
    assertEquals(Optional.of(new NeighborResolver.Learned("public", "203.0.113.7", "02:00:00:0e:00:07")),
        NeighborResolver.learn(SampleViews.GATEWAY_HV, 5, null, answer));
    assertEquals(Optional.empty(), NeighborResolver.learn(SampleViews.GATEWAY_HV, 2, null, answer), "not from the physical network");
    byte[] offSubnet = new ArpFrame(ArpFrame.REPLY, "02:00:00:0e:00:07", "192.0.2.7", GATEWAY_MAC, "203.0.113.10").frame();
    assertEquals(Optional.empty(), NeighborResolver.learn(SampleViews.GATEWAY_HV, 5, null, offSubnet), "not an address of the external subnet");
  }

  @Test
  void aPacketWaitingForAMacMakesTheGatewayAskOnceASecond() {
    NeighborResolver resolver = new NeighborResolver();
    Optional<NeighborResolver.Ask> ask = resolver.resolve(SampleViews.GATEWAY_HV, ipv4(GATEWAY_MAC, "203.0.113.10", "203.0.113.77"), 0);
    assertEquals(5, ask.orElseThrow().patchOfport());
    assertEquals(ArpFrame.request(GATEWAY_MAC, "203.0.113.10", "203.0.113.77"), ask.get().request());
    assertTrue(resolver.resolve(SampleViews.GATEWAY_HV, ipv4(GATEWAY_MAC, "203.0.113.10", "203.0.113.77"), 500_000_000L).isEmpty());
    assertTrue(resolver.resolve(SampleViews.GATEWAY_HV, ipv4(GATEWAY_MAC, "203.0.113.10", "203.0.113.77"), 1_000_000_000L).isPresent());
    // beyond the external subnet, the subnet's gateway is asked for
    assertEquals("203.0.113.1", resolver.resolve(SampleViews.GATEWAY_HV, ipv4(GATEWAY_MAC, "203.0.113.10", "198.51.100.7"), 0)
        .orElseThrow().request().targetIp());
    assertTrue(resolver.resolve(SampleViews.GATEWAY_HV, ipv4("fa:16:3e:00:00:99", "203.0.113.10", "203.0.113.78"), 0).isEmpty(),
        "not from a gateway carried here");
  }

  /** An Ethernet + IPv4 header, as the external_neighbor table hands it up (after gateway_out set the source MAC). */
  static byte[] ipv4(String sourceMac, String sourceIp, String destinationIp) {
    ByteBuffer frame = ByteBuffer.allocate(34);
    frame.put(new byte[6]).put(mac(sourceMac)).putShort((short) 0x0800);
    frame.put((byte) 0x45).put((byte) 0).putShort((short) 20).putInt(0).put((byte) 64).put((byte) 1).putShort((short) 0);
    frame.put(ip(sourceIp)).put(ip(destinationIp));
    return frame.array();
  }

  static byte[] mac(String text) {
    String[] parts = text.split(":");
    byte[] bytes = new byte[6];
    for (int i = 0; i < 6; i++) bytes[i] = (byte) Integer.parseInt(parts[i], 16);
    return bytes;
  }

  static byte[] ip(String text) {
    String[] parts = text.split("\\.");
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) bytes[i] = (byte) Integer.parseInt(parts[i]);
    return bytes;
  }

  static String macAt(byte[] frame, int at) {
    StringBuilder mac = new StringBuilder();
    for (int i = 0; i < 6; i++) mac.append(i == 0 ? "" : ":").append(String.format("%02x", frame[at + i] & 0xff));
    return mac.toString();
  }
}
