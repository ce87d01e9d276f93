package io.tenet.switches.dhcp;

import static io.tenet.switches.dhcp.ClientFrames.MAC;
import static io.tenet.switches.dhcp.ClientFrames.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Reading client frames: what is accepted, and that anything else is a {@link DhcpFrameException} and nothing worse. */
class DhcpFrameTest {

  @Test
  void readsAnUdhcpcDiscover() throws DhcpFrameException {
    DhcpFrame discover = DhcpFrame.parse(ClientFrames.udhcpcDiscover());
    assertEquals("ff:ff:ff:ff:ff:ff", discover.ethDst());
    assertEquals(MAC, discover.ethSrc());
    assertEquals("0.0.0.0", discover.ipSrc());
    assertEquals("255.255.255.255", discover.ipDst());
    assertEquals(68, discover.srcPort());
    assertEquals(67, discover.dstPort());
    assertEquals(DhcpFrame.BOOTREQUEST, discover.op());
    assertEquals(ClientFrames.XID, discover.xid());
    assertEquals(MAC, discover.chaddr());
    assertEquals(DhcpMessageType.DISCOVER, discover.type());
    assertEquals(List.of(1, 3, 6, 12, 15, 26, 28, 42, 121), discover.options().parameterRequestList());
    assertEquals(List.of(53, 61, 60, 57, 55), discover.options().codes());
    assertEquals("01" + MAC.replace(":", ""), HexFormat.of().formatHex(discover.options().clientId().orElseThrow()));
    assertEquals(Optional.empty(), discover.options().requestedIp());
    assertEquals(Optional.empty(), discover.options().serverId());
  }

  @Test
  void readsADhclientSelectingRequest() throws DhcpFrameException {
    DhcpFrame request = DhcpFrame.parse(ClientFrames.dhclientSelect("10.0.0.3", "10.0.0.2"));
    assertEquals(DhcpMessageType.REQUEST, request.type());
    assertEquals(Optional.of("10.0.0.3"), request.options().requestedIp());
    assertEquals(Optional.of("10.0.0.2"), request.options().serverId());
    assertEquals(3, request.secs());
    assertEquals(Optional.empty(), request.options().clientId());
  }

  @Test
  void ourEncodingReadsBackAsItWasWritten() throws DhcpFrameException {
    DhcpOptions options = DhcpOptions.empty().with(53, bytes(2)).with(54, bytes(10, 0, 0, 2)).with(99, new byte[0]);
    DhcpFrame frame = new DhcpFrame(MAC, "02:00:0a:00:00:02", "10.0.0.2", "10.0.0.3", 67, 68, 2, -5, 7, 0x8000,
        "0.0.0.0", "10.0.0.3", "0.0.0.0", "0.0.0.0", MAC, options);
    assertEquals(frame, DhcpFrame.parse(frame.encode()));
  }

  @Test
  void padsEthernetTrailersAndIpOptionsAreTolerated() throws DhcpFrameException {
    ClientFrames.Builder builder = ClientFrames.udhcpcTail(ClientFrames.udhcpc(1));
    builder.trailer = bytes(0, 0, 0, 0);
    builder.ipOptions = bytes(0x94, 0x04, 0, 0); // router alert
    builder.raw(0, 0, 0); // PAD options before END
    DhcpFrame discover = DhcpFrame.parse(builder.build());
    assertEquals(List.of(53, 61, 60, 57, 55), discover.options().codes());
  }

  @Test
  void aRepeatedOptionIsJoined() throws DhcpFrameException {
    // RFC 3396: the parts of a long option are concatenated in order
    DhcpFrame discover = DhcpFrame.parse(ClientFrames.udhcpc(1).option(55, 1, 3).option(12, 'v', 'm').option(55, 6, 121).build());
    assertEquals(List.of(1, 3, 6, 121), discover.options().parameterRequestList());
  }

  @Test
  void overloadedSnameAndFileAreNotRead() throws DhcpFrameException {
    ClientFrames.Builder builder = ClientFrames.udhcpc(1).option(52, 1);
    builder.file[0] = 53;
    builder.file[1] = 1;
    builder.file[2] = 7; // would make it a RELEASE
    builder.file[3] = (byte) 255;
    DhcpFrame discover = DhcpFrame.parse(builder.build());
    assertEquals(DhcpMessageType.DISCOVER, discover.type());
  }

  @Test
  void theUdpChecksumIsNotVerified() throws DhcpFrameException {
    byte[] frame = ClientFrames.udhcpcDiscover();
    ClientFrames.putShort(frame, 14 + 20 + 6, 0); // "no checksum"
    DhcpFrame.parse(frame);
    ClientFrames.putShort(frame, 14 + 20 + 6, 0x1234); // partial, as a checksum-offloading guest may hand it over
    DhcpFrame.parse(frame);
  }

  @Test
  void framesThatAreNotDhcpAreRefusedWithTheirReason() {
    refused("shorter than an Ethernet header", new byte[13]);
    refused("VLAN", frame(b -> b.etherType = 0x8100));
    refused("not IPv4", frame(b -> b.etherType = 0x86dd));
    refused("not UDP", frame(b -> b.protocol = 6));
    refused("fragment", frame(b -> b.ipFlagsFragment = 0x2000));
    refused("fragment", frame(b -> b.ipFlagsFragment = 0x0010));
    refused("not between DHCP ports", frame(b -> b.dstPort = 68));
    refused("not between DHCP ports", frame(b -> b.srcPort = 5353));
    refused("op", frame(b -> b.op = 3));
    refused("not Ethernet", frame(b -> b.htype = 6));
    refused("not Ethernet", frame(b -> b.hlen = 16));
    refused("magic cookie", frame(b -> b.cookie = 0));
    refused("no END", frame(b -> { b.end = false; b.minBootp = 0; }));
    refused("runs past the end", frame(b -> { b.raw(12, 40, 'x'); b.end = false; b.minBootp = 0; }));
    refused("wrong length", new ClientFrames.Builder().option(53, 1, 1).build());
    refused("wrong length", ClientFrames.dhclient(1).option(50, 10, 0, 0).build());
    refused("wrong length", ClientFrames.dhclient(1).option(54, 10, 0, 0, 2, 0).build());
    refused("wrong length", ClientFrames.dhclient(1).option(61, 1).build());
    refused("wrong length", ClientFrames.dhclient(1).option(55).build());
    refused("no DHCP message type", new ClientFrames.Builder().option(55, 1).build());
    refused("not one of RFC 2131", new ClientFrames.Builder().option(53, 13).build());
    byte[] badChecksum = ClientFrames.udhcpcDiscover();
    badChecksum[24] ^= 1;
    refused("checksum", badChecksum);
  }

  @Test
  void everyTruncationOfAValidFrameIsRefused() {
    for (byte[] valid : List.of(ClientFrames.udhcpcDiscover(), ClientFrames.dhclientSelect("10.0.0.3", "10.0.0.2"), ClientFrames.udhcpcRenew("10.0.0.3"))) {
      for (int length = 0; length < valid.length; length++) {
        byte[] truncated = Arrays.copyOf(valid, length);
        assertThrows(DhcpFrameException.class, () -> DhcpFrame.parse(truncated), "truncated to " + length);
        assertEquals(Optional.empty(), DhcpResponder.answer(truncated, DhcpResponderTest.LEASE));
      }
    }
    assertThrows(DhcpFrameException.class, () -> DhcpFrame.parse(null));
  }

  /**
   * Thousands of damaged frames: each is read or refused with DhcpFrameException, and the
   * responder returns for each. Half get their IPv4 checksum fixed so damage reaches UDP and BOOTP.
   */
  @Test
  void damagedFramesAreReadOrRefusedAndNothingElse() {
    Random random = new Random(0x7e4e7);
    List<byte[]> valid = List.of(
        ClientFrames.udhcpcDiscover(), ClientFrames.dhclientDiscover(), ClientFrames.udhcpcSelect("10.0.0.3", "10.0.0.2"),
        ClientFrames.dhclientInform("10.0.0.3"), ClientFrames.udhcpcRenew("10.0.0.3"));
    int read = 0;
    int refused = 0;
    int answered = 0;
    for (int i = 0; i < 6000; i++) {
      byte[] frame = damage(random, valid.get(random.nextInt(valid.size())));
      if (random.nextBoolean()) fixIpv4Checksum(frame);
      try {
        DhcpFrame.parse(frame);
        read++;
      } catch (DhcpFrameException expected) {
        refused++;
      }
      if (DhcpResponder.answer(frame, DhcpResponderTest.LEASE).isPresent()) answered++;
    }
    for (int i = 0; i < 2000; i++) {
      byte[] garbage = new byte[random.nextInt(700)];
      random.nextBytes(garbage);
      if (garbage.length > 14 && random.nextBoolean()) {
        // a plausible start, so the garbage gets past the Ethernet and IPv4 checks now and then
        System.arraycopy(ClientFrames.udhcpcDiscover(), 0, garbage, 0, Math.min(garbage.length, 14 + random.nextInt(300)));
      }
      fixIpv4Checksum(garbage);
      try {
        DhcpFrame.parse(garbage);
        read++;
      } catch (DhcpFrameException expected) {
        refused++;
      }
      DhcpResponder.answer(garbage, DhcpResponderTest.LEASE);
    }
    assertTrue(read > 500 && refused > 500 && answered > 100,
        "the damage should reach both outcomes: read " + read + ", refused " + refused + ", answered " + answered);
  }

  private static byte[] damage(Random random, byte[] valid) {
    byte[] frame = valid.clone();
    switch (random.nextInt(5)) {
      case 0 -> frame = Arrays.copyOf(frame, random.nextInt(frame.length));
      case 1 -> {
        for (int flips = 1 + random.nextInt(8); flips > 0; flips--) frame[random.nextInt(frame.length)] ^= (byte) (1 << random.nextInt(8));
      }
      case 2 -> {
        // the options area, where lengths live
        for (int hits = 1 + random.nextInt(4); hits > 0; hits--) frame[282 + random.nextInt(frame.length - 282)] = (byte) random.nextInt(256);
      }
      case 3 -> {
        // a length field: IPv4 header/total, UDP, or an option length
        int[] lengths = {14, 16, 17, 38, 39, 283 + 2 * random.nextInt(8)};
        frame[lengths[random.nextInt(lengths.length)]] = (byte) random.nextInt(256);
      }
      default -> {
        byte[] longer = Arrays.copyOf(frame, frame.length + random.nextInt(64));
        for (int at = frame.length; at < longer.length; at++) longer[at] = (byte) random.nextInt(256);
        frame = longer;
      }
    }
    return frame;
  }

  private static void fixIpv4Checksum(byte[] frame) {
    if (frame.length < 34) return;
    int header = (frame[14] & 0x0f) * 4;
    if (header < 20 || frame.length < 14 + header) return;
    ClientFrames.putShort(frame, 24, 0);
    ClientFrames.putShort(frame, 24, ClientFrames.checksum(frame, 14, header, 0));
  }

  private static byte[] frame(Consumer<ClientFrames.Builder> change) {
    ClientFrames.Builder builder = ClientFrames.udhcpcTail(ClientFrames.udhcpc(1));
    change.accept(builder);
    return builder.build();
  }

  private static void refused(String reason, byte[] frame) {
    DhcpFrameException refused = assertThrows(DhcpFrameException.class, () -> DhcpFrame.parse(frame), reason);
    assertTrue(refused.getMessage().contains(reason), "expected \"" + reason + "\" in: " + refused.getMessage());
  }
}
