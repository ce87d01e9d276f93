package io.tenet.switches.openflow;

/** A mod with the xid its connection gave it, on its way to {@link OpenFlowEncoder}. */
record NumberedMod(long xid, TableMod mod) {}
