package io.tenet.switches.reconcile;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.openflow.LoxiTranslation;
import io.tenet.switches.openflow.WireBytes;
import io.tenet.switches.openflow.WireMatch;

/**
 * A compiled flow in its wire form, translated once per node while it is in use. Translating
 * through Loxi into wire bytes took about three quarters of the time from a view to its desired
 * tables (bench jmh, FlowCompilerBenchmark), and the same flows come again and again: a part
 * recompiled for one change keeps nearly all of its flows, and a remote port's flows are the same
 * on every datapath of its network. Bounded, so the memory it holds stays small next to the
 * tables themselves; an evicted flow is translated again when it next comes.
 */
final class TranslatedFlows {
  /** About the flows of the networks a node changes within a few seconds; each entry is one compiled flow (a few hundred bytes). */
  static final long CAPACITY = Long.getLong("tenet.translatedFlows", 100_000);

  private static final Cache<FlowEntry, SwitchFlow> CACHE = CacheBuilder.newBuilder().maximumSize(CAPACITY).build();

  private TranslatedFlows() {}

  /** The flow's wire form (interned); a flow OpenFlow 1.3 cannot express fails here, and is not kept. */
  static SwitchFlow of(FlowEntry flow) {
    SwitchFlow known = CACHE.getIfPresent(flow);
    if (known != null) return known;
    FlowKey key = new FlowKey(flow.table().id(), flow.priority(), WireMatch.of(LoxiTranslation.match(flow)));
    SwitchFlow translated = SwitchTables.intern(new SwitchFlow(key, flow.cookie().value(), WireBytes.of(LoxiTranslation.instructions(flow))));
    CACHE.put(flow, translated);
    return translated;
  }
}
