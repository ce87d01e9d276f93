package io.tenet.switches.dhcp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options field of a DHCP message: codes with their values, in order of first appearance.
 * Reading joins the parts of a code that appears more than once (RFC 3396 long options); writing
 * splits values longer than 255 bytes the same way and ends with END. When option 52 (overload)
 * says sname/file carry more options, those are not read: the options this server interprets
 * come in the options field from every client it serves, and ignoring the fields is safer than
 * half-supporting them.
 */
public final class DhcpOptions {
  public static final int PAD = 0;
  public static final int SUBNET_MASK = 1;
  public static final int ROUTER = 3;
  public static final int DNS_SERVERS = 6;
  public static final int HOST_NAME = 12;
  public static final int DOMAIN_NAME = 15;
  public static final int INTERFACE_MTU = 26;
  public static final int REQUESTED_IP = 50;
  public static final int LEASE_TIME = 51;
  public static final int OVERLOAD = 52;
  public static final int MESSAGE_TYPE = 53;
  public static final int SERVER_ID = 54;
  public static final int PARAMETER_REQUEST_LIST = 55;
  public static final int RENEWAL_TIME = 58;
  public static final int REBINDING_TIME = 59;
  public static final int CLIENT_ID = 61;
  public static final int CLASSLESS_STATIC_ROUTES = 121;
  public static final int END = 255;

  private static final DhcpOptions EMPTY = new DhcpOptions(new LinkedHashMap<>());

  private final Map<Integer, byte[]> values;

  private DhcpOptions(LinkedHashMap<Integer, byte[]> values) {
    this.values = values;
  }

  public static DhcpOptions empty() {
    return EMPTY;
  }

  /** These options plus code = value (replacing an earlier value of code in its place). */
  public DhcpOptions with(int code, byte[] value) {
    if (code <= PAD || code >= END) throw new IllegalArgumentException("option code " + code + " carries no value");
    String problem = lengthProblem(code, value.length);
    if (problem != null) throw new IllegalArgumentException(problem);
    LinkedHashMap<Integer, byte[]> copy = new LinkedHashMap<>(values);
    copy.put(code, value.clone());
    return new DhcpOptions(copy);
  }

  public List<Integer> codes() {
    return List.copyOf(values.keySet());
  }

  public Optional<byte[]> get(int code) {
    return Optional.ofNullable(values.get(code)).map(byte[]::clone);
  }

  /** Empty when absent or not an RFC 2131 type. */
  public Optional<DhcpMessageType> messageType() {
    return Optional.ofNullable(values.get(MESSAGE_TYPE)).flatMap(value -> DhcpMessageType.of(Wire.u8(value, 0)));
  }

  public Optional<String> requestedIp() {
    return Optional.ofNullable(values.get(REQUESTED_IP)).map(value -> Wire.ip(value, 0));
  }

  public Optional<String> serverId() {
    return Optional.ofNullable(values.get(SERVER_ID)).map(value -> Wire.ip(value, 0));
  }

  public List<Integer> parameterRequestList() {
    byte[] value = values.get(PARAMETER_REQUEST_LIST);
    if (value == null) return List.of();
    List<Integer> codes = new ArrayList<>(value.length);
    for (byte code : value) codes.add(code & 0xff);
    return List.copyOf(codes);
  }

  /** Kept raw (type byte, then the identifier): servers compare it, never interpret it. */
  public Optional<byte[]> clientId() {
    return get(CLIENT_ID);
  }

  /**
   * Reads data[from, to). PAD is skipped, END stops; a missing END, an option running past the
   * end, or a wrong length for an option this server interprets makes the message unreadable.
   */
  public static DhcpOptions read(byte[] data, int from, int to) throws DhcpFrameException {
    LinkedHashMap<Integer, ByteArrayOutputStream> parts = new LinkedHashMap<>();
    int at = from;
    while (true) {
      if (at >= to) throw new DhcpFrameException("options have no END option");
      int code = Wire.u8(data, at);
      if (code == END) break;
      if (code == PAD) {
        at++;
        continue;
      }
      if (at + 1 >= to) throw new DhcpFrameException("option " + code + " has no length byte");
      int length = Wire.u8(data, at + 1);
      if (at + 2 + length > to) throw new DhcpFrameException("option " + code + " (" + length + " bytes) runs past the end of the message");
      parts.computeIfAbsent(code, c -> new ByteArrayOutputStream()).write(data, at + 2, length);
      at += 2 + length;
    }
    LinkedHashMap<Integer, byte[]> values = new LinkedHashMap<>();
    for (Map.Entry<Integer, ByteArrayOutputStream> part : parts.entrySet()) {
      byte[] value = part.getValue().toByteArray();
      String problem = lengthProblem(part.getKey(), value.length);
      if (problem != null) throw new DhcpFrameException(problem);
      values.put(part.getKey(), value);
    }
    return new DhcpOptions(values);
  }

  /** The options field: each option (split per RFC 3396 past 255 bytes), then END. */
  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<Integer, byte[]> option : values.entrySet()) {
      byte[] value = option.getValue();
      int at = 0;
      do {
        int length = Math.min(255, value.length - at);
        out.write(option.getKey());
        out.write(length);
        out.write(value, at, length);
        at += length;
      } while (at < value.length);
    }
    out.write(END);
    return out.toByteArray();
  }

  /** Lengths are checked only for the options this server interprets; others are carried as they are. */
  private static String lengthProblem(int code, int length) {
    boolean ok = switch (code) {
      case MESSAGE_TYPE, OVERLOAD -> length == 1;
      case REQUESTED_IP, SERVER_ID -> length == 4;
      case PARAMETER_REQUEST_LIST -> length >= 1;
      case CLIENT_ID -> length >= 2; // RFC 2132 §9.14: a type byte and at least one more
      default -> true;
    };
    return ok ? null : "option " + code + " has a wrong length: " + length;
  }

  /** Same codes in the same order with the same values. */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof DhcpOptions options) || !codes().equals(options.codes())) return false;
    return values.keySet().stream().allMatch(code -> Arrays.equals(values.get(code), options.values.get(code)));
  }

  @Override
  public int hashCode() {
    return values.entrySet().stream().mapToInt(e -> 31 * e.getKey() + Arrays.hashCode(e.getValue())).sum();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("DhcpOptions[");
    values.forEach((code, value) -> text.append(text.length() > 12 ? " " : "").append(code).append('=').append(HexFormat.of().formatHex(value)));
    return text.append(']').toString();
  }
}
