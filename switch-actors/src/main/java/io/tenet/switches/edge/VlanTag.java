package io.tenet.switches.edge;

import java.nio.ByteBuffer;

/** 802.1Q tagging of a frame the controller sends onto a VLAN of a physical network. */
public final class VlanTag {
  private VlanTag() {}

  /** {@code untagged} with a tag for {@code vlanId} (priority 0) after its MAC addresses, or as it is when null. */
  public static byte[] tagged(byte[] untagged, Integer vlanId) {
    if (vlanId == null) return untagged;
    ByteBuffer tagged = ByteBuffer.allocate(untagged.length + 4);
    tagged.put(untagged, 0, 12).putShort((short) 0x8100).putShort((short) (vlanId & 0x0fff)).put(untagged, 12, untagged.length - 12);
    return tagged.array();
  }
}
