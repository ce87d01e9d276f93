package io.tenet.switches.dhcp;

import static io.tenet.switches.dhcp.ClientFrames.LEASE_IP;
import static io.tenet.switches.dhcp.ClientFrames.MAC;
import static io.tenet.switches.dhcp.ClientFrames.SERVER_IP;
import static io.tenet.switches.dhcp.ClientFrames.SERVER_MAC;
import static io.tenet.switches.dhcp.ClientFrames.ascii;
import static io.tenet.switches.dhcp.ClientFrames.bytes;
import static io.tenet.switches.dhcp.ClientFrames.concat;
import static io.tenet.switches.dhcp.ClientFrames.mac;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.dhcp.DhcpLease.HostRoute;
import java.util.ArrayList;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Port fa:16:3e:12:34:56 holds 10.0.0.3/24 on a subnet whose gateway is 10.0.0.1 and whose DHCP
 * server answers as 10.0.0.2; the clients are udhcpc and dhclient as {@link ClientFrames} builds them.
 */
class DhcpResponderTest {
  static final List<HostRoute> ROUTES = List.of(new HostRoute("169.254.169.254/32", SERVER_IP), new HostRoute("192.168.1.0/24", "10.0.0.254"));
  static final DhcpLease LEASE = new DhcpLease(MAC, LEASE_IP, 24, "10.0.0.1", List.of("8.8.8.8", "1.1.1.1"), 1450, ROUTES, 86400,
      SERVER_IP, DhcpServerMac.of(SERVER_IP), "tenet.internal");
  static final byte[] UDHCPC_CLIENT_ID = concat(bytes(1), mac(MAC));

  @Test
  void udhcpcDiscoverIsOfferedTheLeaseWithEveryOption() {
    Reply offer = reply(ClientFrames.udhcpcDiscover(), LEASE, DhcpMessageType.OFFER);
    offer.assertAddressedTo(LEASE_IP);
    assertEquals(LEASE_IP, offer.frame.yiaddr());
    assertEquals("0.0.0.0", offer.frame.ciaddr());
    assertEquals(List.of(53, 54, 51, 58, 59, 1, 3, 6, 15, 26, 121, 61), offer.frame.options().codes());
    offer.assertOption(53, 2);
    offer.assertOption(54, 10, 0, 0, 2);
    offer.assertOption(51, 0x00, 0x01, 0x51, 0x80); // 86400
    offer.assertOption(58, 0x00, 0x00, 0xa8, 0xc0); // 43200: 50%
    offer.assertOption(59, 0x00, 0x01, 0x27, 0x50); // 75600: 87.5%
    offer.assertOption(1, 255, 255, 255, 0);
    offer.assertOption(3, 10, 0, 0, 1);
    offer.assertOption(6, 8, 8, 8, 8, 1, 1, 1, 1);
    assertArrayEquals(ascii("tenet.internal"), offer.option(15));
    offer.assertOption(26, 0x05, 0xaa); // 1450
    offer.assertOption(121,
        32, 169, 254, 169, 254, 10, 0, 0, 2,
        24, 192, 168, 1, 10, 0, 0, 254,
        0, 10, 0, 0, 1); // the default route, since a client given 121 ignores option 3
    assertArrayEquals(UDHCPC_CLIENT_ID, offer.option(61), "RFC 6842: the client id comes back");
  }

  @Test
  void dhclientDiscoverIsOfferedTheLeaseAndGetsNoClientIdItDidNotSend() {
    Reply offer = reply(ClientFrames.dhclientDiscover(), LEASE, DhcpMessageType.OFFER);
    offer.assertAddressedTo(LEASE_IP);
    assertEquals(LEASE_IP, offer.frame.yiaddr());
    assertEquals(List.of(53, 54, 51, 58, 59, 1, 3, 6, 15, 26, 121), offer.frame.options().codes());
    assertEquals(0, offer.frame.secs(), "secs is the client's to count");
  }

  @Test
  void selectingRequestsForTheLeaseFromUsAreAcked() {
    for (byte[] request : List.of(ClientFrames.udhcpcSelect(LEASE_IP, SERVER_IP), ClientFrames.dhclientSelect(LEASE_IP, SERVER_IP))) {
      Reply ack = reply(request, LEASE, DhcpMessageType.ACK);
      ack.assertAddressedTo(LEASE_IP);
      assertEquals(LEASE_IP, ack.frame.yiaddr());
      assertEquals("0.0.0.0", ack.frame.ciaddr());
      ack.assertOption(53, 5);
      ack.assertOption(51, 0x00, 0x01, 0x51, 0x80);
      assertTrue(ack.frame.options().codes().containsAll(List.of(54, 58, 59, 1, 3, 6, 15, 26, 121)));
    }
  }

  @Test
  void selectingAnotherAddressFromUsIsNakedByBroadcast() {
    Reply nak = reply(ClientFrames.udhcpcSelect("10.0.0.77", SERVER_IP), LEASE, DhcpMessageType.NAK);
    nak.assertAddressedTo("255.255.255.255");
    assertEquals("0.0.0.0", nak.frame.yiaddr());
    assertEquals("0.0.0.0", nak.frame.ciaddr());
    assertEquals(List.of(53, 54, 61), nak.frame.options().codes(), "RFC 2131 table 3: nothing else in a NAK");
    nak.assertOption(53, 6);
    nak.assertOption(54, 10, 0, 0, 2);
  }

  @Test
  void aRequestForAnotherServerIsLeftToIt() {
    byte[] request = ClientFrames.dhclientSelect(LEASE_IP, "10.0.0.9");
    assertEquals(Optional.empty(), DhcpResponder.answer(request, LEASE));
    DhcpDecision.Silence silence = assertInstanceOf(DhcpDecision.Silence.class, DhcpResponder.decide(request, LEASE));
    assertTrue(silence.reason().contains("10.0.0.9"), silence.reason());
  }

  @Test
  void initRebootIsAckedForTheLeaseAndNakedForAnythingElse() {
    reply(ClientFrames.dhclientReboot(LEASE_IP), LEASE, DhcpMessageType.ACK).assertAddressedTo(LEASE_IP);
    // e.g. the VM remembers the address of a port it had before
    Reply nak = reply(ClientFrames.dhclientReboot("10.0.0.50"), LEASE, DhcpMessageType.NAK);
    nak.assertAddressedTo("255.255.255.255");
    assertEquals(List.of(53, 54), nak.frame.options().codes());
  }

  @Test
  void renewingUnicastAndRebindingBroadcastAreAckedWithCiaddrKept() {
    for (byte[] request : List.of(ClientFrames.udhcpcRenew(LEASE_IP), ClientFrames.udhcpcRebind(LEASE_IP), ClientFrames.dhclientRebind(LEASE_IP))) {
      Reply ack = reply(request, LEASE, DhcpMessageType.ACK);
      ack.assertAddressedTo(LEASE_IP);
      assertEquals(LEASE_IP, ack.frame.ciaddr());
      assertEquals(LEASE_IP, ack.frame.yiaddr());
      ack.assertOption(51, 0x00, 0x01, 0x51, 0x80);
    }
  }

  @Test
  void renewingAnAddressThePortNoLongerHasIsNaked() {
    reply(ClientFrames.udhcpcRenew("10.0.0.50"), LEASE, DhcpMessageType.NAK).assertAddressedTo("255.255.255.255");
  }

  @Test
  void aRequestNamingNoAddressIsIgnored() {
    byte[] request = ClientFrames.udhcpcTail(ClientFrames.udhcpc(3)).build();
    DhcpDecision.Silence silence = assertInstanceOf(DhcpDecision.Silence.class, DhcpResponder.decide(request, LEASE));
    assertTrue(silence.reason().contains("no address"), silence.reason());
  }

  @Test
  void informIsAckedWithConfigurationButNoAddressOrLeaseTimes() {
    Reply ack = reply(ClientFrames.dhclientInform(LEASE_IP), LEASE, DhcpMessageType.ACK);
    ack.assertAddressedTo(LEASE_IP); // ciaddr: the client has its address already
    assertEquals("0.0.0.0", ack.frame.yiaddr());
    assertEquals(LEASE_IP, ack.frame.ciaddr());
    assertEquals(List.of(53, 54, 1, 3, 6, 15, 26, 121), ack.frame.options().codes());
    ack.assertOption(53, 5);
  }

  @Test
  void releaseAndDeclineGetNoAnswer() {
    assertEquals(Optional.empty(), DhcpResponder.answer(ClientFrames.dhclientRelease(LEASE_IP), LEASE));
    assertEquals(Optional.empty(), DhcpResponder.answer(ClientFrames.dhclientDecline(LEASE_IP), LEASE));
    DhcpDecision.Silence decline = assertInstanceOf(DhcpDecision.Silence.class, DhcpResponder.decide(ClientFrames.dhclientDecline(LEASE_IP), LEASE));
    assertTrue(decline.reason().contains("DECLINE") && decline.reason().contains(LEASE_IP), decline.reason());
  }

  @Test
  void aFrameForAnotherMacGetsNoAnswer() {
    byte[] discover = ClientFrames.udhcpc(1).chaddr("fa:16:3e:66:66:66").build();
    assertEquals(Optional.empty(), DhcpResponder.answer(discover, LEASE));
  }

  @Test
  void theLeaseMacMatchesWhateverCaseTheCallerWroteItIn() {
    DhcpLease upper = new DhcpLease(MAC.toUpperCase(), LEASE_IP, 24, null, List.of(), 1500, List.of(), 3600, SERVER_IP, SERVER_MAC.toUpperCase(), null);
    Reply offer = reply(ClientFrames.dhclientDiscover(), upper, DhcpMessageType.OFFER);
    assertEquals(SERVER_MAC, offer.frame.ethSrc());
  }

  @Test
  void aServerMessageIsNeverAnswered() {
    byte[] offer = DhcpResponder.answer(ClientFrames.udhcpcDiscover(), LEASE).orElseThrow();
    assertEquals(Optional.empty(), DhcpResponder.answer(offer, LEASE));
    byte[] requestWithServerType = ClientFrames.udhcpc(2).build();
    assertEquals(Optional.empty(), DhcpResponder.answer(requestWithServerType, LEASE));
  }

  @Test
  void xidFlagsAndGiaddrComeBackAsSent() {
    byte[] discover = ClientFrames.udhcpcTail(ClientFrames.udhcpc(1)).xid(0xdeadbeef).flags(0x8000).giaddr("192.0.2.1").build();
    Reply offer = reply(discover, LEASE, DhcpMessageType.OFFER);
    assertEquals(0xdeadbeef, offer.frame.xid());
    assertEquals(0x8000, offer.frame.flags());
    assertEquals("192.0.2.1", offer.frame.giaddr());
    offer.assertAddressedTo(LEASE_IP); // the broadcast flag does not matter: the frame goes straight to the port
  }

  @Test
  void withoutGatewayThereIsNoRouterAndNoDefaultClasslessRoute() {
    DhcpLease isolated = new DhcpLease(MAC, LEASE_IP, 24, null, List.of(), 1500, ROUTES, 3600, SERVER_IP, SERVER_MAC, null);
    Reply offer = reply(ClientFrames.udhcpcDiscover(), isolated, DhcpMessageType.OFFER);
    assertEquals(List.of(53, 54, 51, 58, 59, 1, 26, 121, 61), offer.frame.options().codes());
    offer.assertOption(121, 32, 169, 254, 169, 254, 10, 0, 0, 2, 24, 192, 168, 1, 10, 0, 0, 254);
  }

  @Test
  void withoutHostRoutesThereIsNoClasslessRouteOption() {
    DhcpLease plain = new DhcpLease(MAC, LEASE_IP, 24, "10.0.0.1", List.of("10.0.0.2"), 1500, List.of(), 3600, SERVER_IP, SERVER_MAC, null);
    Reply offer = reply(ClientFrames.dhclientDiscover(), plain, DhcpMessageType.OFFER);
    assertEquals(List.of(53, 54, 51, 58, 59, 1, 3, 6, 26), offer.frame.options().codes());
    offer.assertOption(51, 0, 0, 0x0e, 0x10);
    offer.assertOption(58, 0, 0, 0x07, 0x08);
    offer.assertOption(59, 0, 0, 0x0c, 0x4e); // 3150
  }

  @Test
  void anExplicitDefaultHostRouteIsNotDoubled() {
    List<HostRoute> routes = List.of(new HostRoute("0.0.0.0/0", "10.0.0.254"), new HostRoute("10.8.0.0/16", "10.0.0.1"));
    DhcpLease lease = new DhcpLease(MAC, LEASE_IP, 24, "10.0.0.1", List.of(), 1500, routes, 3600, SERVER_IP, SERVER_MAC, null);
    Reply offer = reply(ClientFrames.udhcpcDiscover(), lease, DhcpMessageType.OFFER);
    offer.assertOption(121, 0, 10, 0, 0, 254, 16, 10, 8, 10, 0, 0, 1);
  }

  @Test
  void optionsLongerThan255BytesAreSplitAndReadBackWhole() {
    List<String> dns = new ArrayList<>();
    for (int i = 1; i <= 70; i++) dns.add("10.1.0." + i);
    DhcpLease lease = new DhcpLease(MAC, LEASE_IP, 24, "10.0.0.1", dns, 1500, List.of(), 3600, SERVER_IP, SERVER_MAC, null);
    Reply offer = reply(ClientFrames.dhclientDiscover(), lease, DhcpMessageType.OFFER);
    byte[] expected = new byte[280];
    for (int i = 0; i < 70; i++) {
      expected[4 * i] = 10;
      expected[4 * i + 1] = 1;
      expected[4 * i + 3] = (byte) (i + 1);
    }
    assertArrayEquals(expected, offer.option(6));
    // on the wire: 6/255 then 6/25 (RFC 3396)
    int first = indexOf(offer.raw, bytes(6, 255, 10, 1, 0, 1));
    assertTrue(first > 0);
    assertEquals(6, offer.raw[first + 2 + 255] & 0xff);
    assertEquals(25, offer.raw[first + 2 + 255 + 1] & 0xff);
  }

  /** A reply frame, parsed by DhcpFrame and checked on its raw bytes. */
  static final class Reply {
    final byte[] raw;
    final DhcpFrame frame;

    Reply(byte[] raw) {
      this.raw = raw;
      try {
        this.frame = DhcpFrame.parse(raw);
      } catch (DhcpFrameException e) {
        throw new AssertionError("our own reply does not parse: " + e.getMessage(), e);
      }
      assertWellFormed();
    }

    byte[] option(int code) {
      return frame.options().get(code).orElseThrow(() -> new AssertionError("no option " + code + " in " + frame.options()));
    }

    void assertOption(int code, int... expected) {
      assertArrayEquals(bytes(expected), option(code), "option " + code);
    }

    void assertAddressedTo(String ipDst) {
      assertEquals(MAC, frame.ethDst());
      assertEquals(SERVER_MAC, frame.ethSrc());
      assertEquals(SERVER_IP, frame.ipSrc());
      assertEquals(ipDst, frame.ipDst());
    }

    private void assertWellFormed() {
      int udp = 14 + 20;
      assertEquals(0x0800, u16(12));
      assertEquals(0x45, raw[14] & 0xff);
      assertEquals(raw.length - 14, u16(16), "IPv4 total length");
      assertEquals(64, raw[22] & 0xff, "TTL");
      assertEquals(17, raw[23] & 0xff);
      assertEquals(0, ClientFrames.checksum(raw, 14, 20, 0), "IPv4 header checksum");
      assertEquals(67, u16(udp));
      assertEquals(68, u16(udp + 2));
      int udpLength = u16(udp + 4);
      assertEquals(raw.length - udp, udpLength);
      assertTrue(u16(udp + 6) != 0, "a UDP checksum is sent");
      assertEquals(ClientFrames.udpChecksum(raw, udp, udpLength), u16(udp + 6), "UDP checksum");
      assertTrue(udpLength - 8 >= 300, "BOOTP padded to 300 bytes");
      int bootp = udp + 8;
      assertEquals(DhcpFrame.BOOTREPLY, raw[bootp] & 0xff);
      assertEquals(1, raw[bootp + 1]);
      assertEquals(6, raw[bootp + 2]);
      assertEquals(0, raw[bootp + 3], "hops");
      assertEquals("0.0.0.0", frame.siaddr());
      assertEquals(MAC, frame.chaddr());
      assertTrue(Arrays.equals(new byte[10 + 64 + 128], Arrays.copyOfRange(raw, bootp + 34, bootp + 236)), "chaddr padding, sname and file are empty");
    }

    private int u16(int at) {
      return ((raw[at] & 0xff) << 8) | (raw[at + 1] & 0xff);
    }
  }

  static Reply reply(byte[] request, DhcpLease lease, DhcpMessageType type) {
    DhcpDecision decision = DhcpResponder.decide(request, lease);
    DhcpDecision.Reply reply = assertInstanceOf(DhcpDecision.Reply.class, decision, decision.toString());
    assertEquals(type, reply.type());
    assertArrayEquals(reply.frame(), DhcpResponder.answer(request, lease).orElseThrow(), "answer and decide agree");
    Reply parsed = new Reply(reply.frame());
    assertEquals(type, parsed.frame.type());
    int requestXid = ByteBuffer.wrap(request).getInt(14 + (request[14] & 0x0f) * 4 + 8 + 4);
    assertEquals(requestXid, parsed.frame.xid(), "xid copied");
    assertFalse(parsed.frame.options().codes().contains(0));
    return parsed;
  }

  static int indexOf(byte[] data, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= data.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (data[i + j] != part[j]) continue outer;
      }
      return i;
    }
    return -1;
  }
}
