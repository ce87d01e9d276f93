package io.tenet.topology.validation;

import static io.tenet.topology.testing.Fixtures.rejected;
import static io.tenet.topology.testing.Fixtures.routerPortSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.PortPatch;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression test for a fixed defect, described as it was found. Defect (PortValidation.patch, reached through PATCH /ports/{id} -> PortService.update ->
 * PortEntity.Update): device_owner and device_id of a router interface port can be patched like
 * any other field. Setting device_owner to anything else lifts PortEntity's OWNED_BY_ROUTER guard,
 * so the tenant can then delete the port directly while the router still lists the interface
 * (its gateway address is released under it); changing device_id makes PortService.delete ask
 * the wrong router, see no interface, and delete with byOwner=true. The reverse patch turns an
 * ordinary port into a "router interface", which PortService.create refuses. Expected: these
 * patches are refused (INVALID kind, field device_owner / device_id).
 */
class PortValidationRegressionTest {
  private final PortSpec routerPort = routerPortSpec("net-1", "router-1", List.of(new FixedIp("sub-1", "10.0.0.1")));
  private final PortSpec vmPort = new PortSpec("net-1", "vm", null, null, List.of(), true, true, "compute:nova", "vm-1");

  private static PortPatch owner(String deviceOwner, String deviceId) {
    return new PortPatch(null, null, null, null, deviceOwner, deviceId, null, null);
  }

  @Test
  void routerInterfacePortKeepsItsOwner() {
    Problem problem = rejected(PortValidation.patch(routerPort, owner("compute:nova", null)));
    assertEquals(ProblemKind.INVALID, problem.kind());
    assertEquals("device_owner", problem.field());
  }

  @Test
  void routerInterfacePortKeepsItsRouter() {
    Problem problem = rejected(PortValidation.patch(routerPort, owner(null, "router-2")));
    assertEquals(ProblemKind.INVALID, problem.kind());
    assertEquals("device_id", problem.field());
  }

  @Test
  void anOrdinaryPortCannotBecomeARouterInterface() {
    Problem problem = rejected(PortValidation.patch(vmPort, owner(PortSpec.ROUTER_INTERFACE_OWNER, "router-1")));
    assertEquals(ProblemKind.INVALID, problem.kind());
    assertEquals("device_owner", problem.field());
  }
}
