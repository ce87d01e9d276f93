package io.tenet.switches.openflow;

import org.projectfloodlight.openflow.protocol.OFActionType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFActionExperimenter;

/** A Nicira extension action Loxi has no class for, written on OpenFlow 1.3 connections by its own {@code writeTo}. */
interface NiciraAction extends OFActionExperimenter {
  long NICIRA = 0x00002320L;

  @Override
  default OFActionType getType() {
    return OFActionType.EXPERIMENTER;
  }

  @Override
  default long getExperimenter() {
    return NICIRA;
  }

  @Override
  default OFVersion getVersion() {
    return OFVersion.OF_13;
  }

  /** Loxi builders cannot make these actions; {@link LoxiTranslation} builds them. */
  @Override
  default OFActionExperimenter.Builder createBuilder() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no Loxi builder");
  }
}
