package io.tenet.topology.realization;

import io.tenet.persistence.TenetSerializable;
import java.util.List;

/**
 * How far the data plane implements an object: {@code desiredVersion} is the version of its
 * network's data-plane view that carries the object's current state, and every datapath in
 * {@code datapaths} must confirm at least that version. {@code reason} sums up why it is not
 * realized (null when it is).
 */
public record Realization(RealizationState state, long desiredVersion, List<DatapathRealization> datapaths, String reason) implements TenetSerializable {
  public Realization {
    datapaths = datapaths == null ? List.of() : List.copyOf(datapaths);
  }

  public boolean realized() {
    return state == RealizationState.REALIZED;
  }

  /** The datapaths that have not confirmed the desired version. */
  public List<DatapathRealization> missing() {
    return datapaths.stream().filter(d -> d.state() != RealizationState.REALIZED).toList();
  }
}
