package io.tenet.topology.realization;

import io.tenet.persistence.TenetSerializable;
import java.time.Instant;

/**
 * Why a datapath cannot confirm anything now. {@code refused}: the switch answered with an
 * OpenFlow error (the object is in error); otherwise it is out of reach (pending).
 */
public record DataplaneTrouble(boolean refused, String reason, Instant since) implements TenetSerializable {}
