package io.tenet.topology.net;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** A 48-bit Ethernet address, printed in lower-case colon form. */
public record MacAddress(long bits) {
  private static final Pattern FORMAT = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");

  public static Optional<MacAddress> parse(String text) {
    if (text == null || !FORMAT.matcher(text).matches()) return Optional.empty();
    return Optional.of(new MacAddress(Long.parseLong(text.replace(":", ""), 16)));
  }

  public boolean isMulticast() {
    return ((bits >>> 40) & 0x01) != 0;
  }

  public boolean isZero() {
    return bits == 0;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(17);
    for (int shift = 40; shift >= 0; shift -= 8) {
      if (text.length() > 0) text.append(':');
      text.append(String.format(Locale.ROOT, "%02x", (bits >>> shift) & 0xff));
    }
    return text.toString();
  }
}
