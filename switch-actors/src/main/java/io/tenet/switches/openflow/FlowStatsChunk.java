package io.tenet.switches.openflow;

import java.util.List;

/** One OFPMP_FLOW multipart reply; {@code more} says further replies with the same xid follow. */
record FlowStatsChunk(long xid, boolean more, List<DumpedFlow> flows) {}
