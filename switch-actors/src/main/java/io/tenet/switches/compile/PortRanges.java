package io.tenet.switches.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * A range of transport ports as the fewest value/mask matches that cover exactly it (OVS matches
 * tp_dst with a bit mask, not a range): 1-1024 is 1/0xffff, 2/0xfffe, 4/0xfffc, ... 1024/0xffff.
 */
public final class PortRanges {
  private PortRanges() {}

  /** Matches in ovs-ofctl form: "80" for one port, "0x1000/0xf000" for an aligned block. */
  public static List<String> masks(int min, int max) {
    if (min < 0 || max > 0xffff || min > max) throw new IllegalArgumentException("no port range " + min + "-" + max);
    List<String> masks = new ArrayList<>();
    long next = min;
    while (next <= max) {
      int size = 1;
      // the largest aligned power-of-two block starting at next that stays within max
      while (size < 0x10000 && (next & (size * 2L - 1)) == 0 && next + size * 2L - 1 <= max) size *= 2;
      masks.add(size == 1 ? Long.toString(next) : "0x" + Long.toHexString(next) + "/0x" + Integer.toHexString(0xffff & ~(size - 1)));
      next += size;
    }
    return masks;
  }
}
