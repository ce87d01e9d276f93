package io.tenet.topology.model;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every datapath hosting a port of the network must implement: the overlay's VNI and MTU,
 * the subnets, and every member port with its addresses and location. Members are ordered by
 * port id. {@code version} is the network's sequence number when the view was taken: of two
 * views of one network, the higher version is the newer. {@code bridge}: the network's layer-2
 * gateway to a VLAN, null without one.
 */
public record NetworkDataplane(String networkId, int vni, int mtu, List<Subnet> subnets, List<DataplaneMember> members, long version, L2Bridge bridge) {
  public NetworkDataplane {
    subnets = Lists.copyOrEmpty(subnets);
    members = Lists.copyOrEmpty(members);
  }

  /** A network bridged to no VLAN. */
  public NetworkDataplane(String networkId, int vni, int mtu, List<Subnet> subnets, List<DataplaneMember> members, long version) {
    this(networkId, vni, mtu, subnets, members, version, null);
  }

  /** The distinct datapaths that host at least one member, in order. */
  public Set<String> datapathIds() {
    Set<String> ids = new TreeSet<>();
    members.forEach(m -> {
      if (m.binding() != null) ids.add(m.binding().datapathId());
    });
    return Collections.unmodifiableSet(ids);
  }

  /** The members plugged on one datapath. */
  public List<DataplaneMember> membersOn(String datapathId) {
    return members.stream().filter(m -> m.binding() != null && m.binding().datapathId().equals(datapathId)).toList();
  }
}
