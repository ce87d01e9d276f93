package io.tenet.switches.compile;

import io.tenet.topology.model.AddressPair;
import java.util.List;
import java.util.Objects;

/** The MACs a port's address pairs add to its own. */
final class PairMacs {
  private PairMacs() {}

  static List<String> extra(String ownMac, List<AddressPair> pairs) {
    return pairs.stream().map(AddressPair::macAddress).filter(Objects::nonNull).filter(mac -> !mac.equals(ownMac)).distinct().sorted().toList();
  }
}
