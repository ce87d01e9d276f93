package io.tenet.topology.model;

import io.tenet.topology.realization.Realization;
import java.time.Instant;
import java.util.List;

/**
 * A network as the API shows it. {@code revision} grows with every change. {@code realization}
 * is computed when the network is read (null in the entity's own state). An {@code external} network
 * sits on its {@code provider} segment of a physical network; every tenant may see it and route to it.
 * {@code l2Gateway}: the layer-2 gateway bridging the network to a VLAN, null without one.
 * {@code tags}: the client's labels (see {@link Tags}).
 */
public record NetworkView(
    String id,
    String tenantId,
    String name,
    int vni,
    int mtu,
    boolean adminStateUp,
    List<Subnet> subnets,
    Instant createdAt,
    Instant updatedAt,
    long revision,
    Realization realization,
    boolean external,
    ProviderSegment provider,
    L2Bridge l2Gateway,
    List<String> tags) {
  public NetworkView {
    tags = Lists.copyOrEmpty(tags); // null in snapshots from before tags
  }

  /** An untagged network. */
  public NetworkView(String id, String tenantId, String name, int vni, int mtu, boolean adminStateUp, List<Subnet> subnets, Instant createdAt,
      Instant updatedAt, long revision, Realization realization, boolean external, ProviderSegment provider, L2Bridge l2Gateway) {
    this(id, tenantId, name, vni, mtu, adminStateUp, subnets, createdAt, updatedAt, revision, realization, external, provider, l2Gateway, List.of());
  }

  /** A network bridged to no VLAN. */
  public NetworkView(String id, String tenantId, String name, int vni, int mtu, boolean adminStateUp, List<Subnet> subnets, Instant createdAt,
      Instant updatedAt, long revision, Realization realization, boolean external, ProviderSegment provider) {
    this(id, tenantId, name, vni, mtu, adminStateUp, subnets, createdAt, updatedAt, revision, realization, external, provider, null);
  }

  public NetworkView withRealization(Realization now) {
    return new NetworkView(id, tenantId, name, vni, mtu, adminStateUp, subnets, createdAt, updatedAt, revision, now, external, provider, l2Gateway, tags);
  }

  /** The same network bridged by {@code bridge} (null: by nothing), one revision later. */
  public NetworkView withL2Gateway(L2Bridge bridge, Instant at) {
    return new NetworkView(id, tenantId, name, vni, mtu, adminStateUp, subnets, createdAt, at, revision + 1, null, external, provider, bridge, tags);
  }

  /** The same network labelled {@code next}, one revision later. */
  public NetworkView withTags(List<String> next, Instant at) {
    return new NetworkView(id, tenantId, name, vni, mtu, adminStateUp, subnets, createdAt, at, revision + 1, null, external, provider, l2Gateway, next);
  }

  /** The same network with {@code next} as its subnets, one revision later. */
  public NetworkView withSubnets(List<Subnet> next, Instant at) {
    return new NetworkView(id, tenantId, name, vni, mtu, adminStateUp, next, createdAt, at, revision + 1, null, external, provider, l2Gateway, tags);
  }
}
