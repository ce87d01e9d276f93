package io.tenet.switches.openflow;

/** One group as the switch reports it in group-desc: its id, type and buckets as the raw bytes the switch sent. */
public record DumpedGroup(long groupId, int type, byte[] buckets) {}
