package io.tenet.switches.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ct_state match in {@code ovs-ofctl} form ("+trk+est-rel"): each named flag required set (+)
 * or clear (-); flags not named are not matched. As bits, value/mask (OVS's NXM_NX_CT_STATE).
 */
public record ConntrackState(int value, int mask) {
  private static final Map<String, Integer> FLAGS = new LinkedHashMap<>();

  static {
    FLAGS.put("new", 0x01);
    FLAGS.put("est", 0x02);
    FLAGS.put("rel", 0x04);
    FLAGS.put("rpl", 0x08);
    FLAGS.put("inv", 0x10);
    FLAGS.put("trk", 0x20);
    FLAGS.put("snat", 0x40);
    FLAGS.put("dnat", 0x80);
  }

  /** The first packet of a connection, as ofproto/trace assumes after ct() unless told otherwise. */
  public static final String NEW_CONNECTION = "+trk+new";

  public static ConntrackState parse(String text) {
    int value = 0;
    int mask = 0;
    int i = 0;
    while (i < text.length()) {
      char sign = text.charAt(i);
      if (sign != '+' && sign != '-') throw new IllegalArgumentException("ct_state flags are +name or -name: " + text);
      int end = i + 1;
      while (end < text.length() && text.charAt(end) != '+' && text.charAt(end) != '-') end++;
      Integer bit = FLAGS.get(text.substring(i + 1, end));
      if (bit == null) throw new IllegalArgumentException("no ct_state flag '" + text.substring(i + 1, end) + "' in " + text);
      mask |= bit;
      if (sign == '+') value |= bit;
      i = end;
    }
    if (mask == 0) throw new IllegalArgumentException("an empty ct_state match");
    return new ConntrackState(value, mask);
  }

  /** Whether a packet whose state is {@code packet} (flags, "+trk+new") matches this. */
  public boolean matches(String packet) {
    return (parse(packet).value() & mask) == value;
  }
}
