package io.tenet.switches.reconcile;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.tenet.switches.compile.CompiledFlows;
import java.util.function.Supplier;

/**
 * Parts of desired tables that every datapath compiles alike, translated once per node: a remote
 * port's part is the same on every datapath of its network (same VNI, tunnel port and role), a
 * member address's on every datapath that knows the address. A node mastering a thousand
 * datapaths then holds each such part once, not once per datapath, and a datapath finds the part
 * another one built. A part is kept while some datapath holds it (weak values), not up to a count:
 * a bound of 100,000 parts was passed at about 50,000 ports, and a part built again after its
 * eviction was a copy for every datapath that built it.
 */
final class SharedParts {
  private static final Cache<Object, DesiredTables.Part> CACHE = CacheBuilder.newBuilder().weakValues().build();

  private SharedParts() {}

  /** The node's part for {@code inputs} (a record whose equality means equal flows), compiled and translated if it has none. */
  static DesiredTables.Part of(Object inputs, Supplier<CompiledFlows> compile) {
    DesiredTables.Part known = CACHE.getIfPresent(inputs);
    if (known != null) return known;
    DesiredTables.Part part = new DesiredTables.Part(inputs, SwitchTables.desired(compile.get()));
    CACHE.put(inputs, part);
    return part;
  }
}
