package io.tenet.switches.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortRangesTest {
  @Test
  void oneOrAnAlignedBlockIsOneMatch() {
    assertEquals(List.of("80"), PortRanges.masks(80, 80));
    assertEquals(List.of("0x1000/0xf000"), PortRanges.masks(0x1000, 0x1fff));
    assertEquals(List.of("0x0/0x0"), PortRanges.masks(0, 65535));
  }

  @Test
  void anyRangeIsCoveredExactlyByTheFewestBlocks() {
    assertEquals(List.of("1", "0x2/0xfffe", "0x4/0xfffc", "0x8/0xfff8", "0x10/0xfff0", "0x20/0xffe0", "0x40/0xffc0", "0x80/0xff80", "0x100/0xff00",
        "0x200/0xfe00", "1024"), PortRanges.masks(1, 1024));
    for (int[] range : new int[][] {{1, 1024}, {8000, 8080}, {33, 65534}, {5, 6}}) {
      int covered = 0;
      for (int port = 0; port <= 0xffff; port++) {
        boolean in = false;
        for (String match : PortRanges.masks(range[0], range[1])) {
          String[] parts = match.split("/");
          long value = Long.decode(parts[0]);
          long mask = parts.length == 1 ? 0xffff : Long.decode(parts[1]);
          if ((port & mask) == value) in = true;
        }
        assertEquals(port >= range[0] && port <= range[1], in, "port " + port + " in " + range[0] + "-" + range[1]);
        if (in) covered++;
      }
      assertEquals(range[1] - range[0] + 1, covered);
    }
  }

  @Test
  void anEmptyOrOutOfRangeRangeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PortRanges.masks(10, 9));
    assertThrows(IllegalArgumentException.class, () -> PortRanges.masks(1, 70000));
  }
}
