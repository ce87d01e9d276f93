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
 * another one built. Bounded; an evicted part is built again, equal, when it next comes.
 */
final class SharedParts {
  /** About the remote ports and member addresses of the networks a node's datapaths serve. */
  static final long CAPACITY = Long.getLong("tenet.sharedParts", 100_000);

  private static final Cache<Object, DesiredTables.Part> CACHE = CacheBuilder.newBuilder().maximumSize(CAPACITY).build();

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
