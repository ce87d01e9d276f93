package io.tenet.switches.openflow;

import java.util.List;

/** One OFPMP_GROUP_DESC multipart reply; {@code more} says further replies with the same xid follow. */
record GroupDescChunk(long xid, boolean more, List<DumpedGroup> groups) {
  GroupDescChunk {
    groups = List.copyOf(groups);
  }
}
