package io.tenet.bench;

/**
 * Where {@code bench fleet} puts its ports: each network's {@code networkSize} ports on as many
 * different datapaths, a stride apart, and network after network one datapath further on, so that
 * every datapath of the fleet gets the same share when {@code networkSize} divides
 * {@code datapaths}. Networks belong to tenants {@link #NETWORKS_PER_TENANT} at a time, each tenant
 * with its default group, so a datapath holds ports of as many tenants as it holds networks.
 */
record FleetPlacement(int datapaths, int networkSize) {
  static final int NETWORKS_PER_TENANT = 50;

  FleetPlacement {
    if (networkSize < 1 || networkSize > datapaths) throw new IllegalArgumentException("a network of " + networkSize + " ports does not fit " + datapaths + " datapaths");
  }

  /** The datapath (index in the fleet) of port {@code slot} of network {@code network}. */
  int datapathOf(int network, int slot) {
    return (network + slot * (datapaths / networkSize)) % datapaths;
  }

  /** The tenant (index) owning network {@code network}. */
  static int tenantOf(int network) {
    return network / NETWORKS_PER_TENANT;
  }
}
