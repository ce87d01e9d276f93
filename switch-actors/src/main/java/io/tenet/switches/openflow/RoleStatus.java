package io.tenet.switches.openflow;

import org.projectfloodlight.openflow.protocol.OFControllerRole;

/**
 * OVS's ONF role-status experimenter message on OpenFlow 1.3 (experimenter 0x4F4E4600, exp_type
 * 1911, body as OF1.4's ofp_role_status): sent only to a master another controller demoted. Loxi
 * cannot read it on 1.3, so the decoder does; without that, being demoted would look like a
 * malformed message and close the connection.
 */
public record RoleStatus(OFControllerRole role, int reason, long generation) {
  static final long ONF_EXPERIMENTER = 0x4F4E4600L;
  static final long ONFT_ROLE_STATUS = 1911;

  /** ofp_controller_role wire values: 0 NOCHANGE, 1 EQUAL, 2 MASTER, 3 SLAVE. */
  static OFControllerRole role(long wire) {
    return switch ((int) wire) {
      case 1 -> OFControllerRole.ROLE_EQUAL;
      case 2 -> OFControllerRole.ROLE_MASTER;
      case 3 -> OFControllerRole.ROLE_SLAVE;
      default -> OFControllerRole.ROLE_NOCHANGE;
    };
  }
}
