package io.tenet.topology.model;

import io.tenet.persistence.TenetSerializable;
import java.util.List;

/** What an external network holds on the physical world: its segment and its subnets' ranges, which no other external network may share. */
public record ExternalClaim(ProviderSegment segment, List<String> cidrs) implements TenetSerializable {
  public ExternalClaim {
    cidrs = Lists.copyOrEmpty(cidrs);
  }
}
