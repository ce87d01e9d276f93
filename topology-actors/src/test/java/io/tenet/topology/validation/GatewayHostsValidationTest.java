package io.tenet.topology.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tenet.topology.Caller;
import io.tenet.topology.model.GatewayHostRequest;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.ProblemCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayHostsValidationTest {
  static final Caller ADMIN = Caller.administrator();

  static Outcome.Rejected<List<GatewayHostRequest>> refused(Caller caller, List<GatewayHostRequest> hosts) {
    return (Outcome.Rejected<List<GatewayHostRequest>>) GatewayHostsValidation.validate(caller, hosts);
  }

  @Test
  void anAdministratorNamesDistinctHostsWithDistinctPriorities() {
    List<GatewayHostRequest> hosts = List.of(new GatewayHostRequest("hv2", 100), new GatewayHostRequest("hv3", 200));
    assertEquals(Outcome.ok(hosts), GatewayHostsValidation.validate(ADMIN, hosts));
    assertEquals(Outcome.ok(null), GatewayHostsValidation.validate(Caller.tenant("t"), null), "nothing named: nothing to check");
  }

  @Test
  void anythingElseIsRefusedWithTheFieldThatIsWrong() {
    assertEquals(ProblemCode.ADMIN_ONLY, refused(Caller.tenant("t"), List.of(new GatewayHostRequest("hv2", 1))).problem().code());
    assertEquals("external_gateway.hosts", refused(ADMIN, List.of()).problem().field());
    List<GatewayHostRequest> six = new ArrayList<>();
    for (int i = 1; i <= 6; i++) six.add(new GatewayHostRequest("hv" + i, i));
    assertEquals("external_gateway.hosts", refused(ADMIN, six).problem().field());
    assertEquals("external_gateway.hosts[1].hostname", refused(ADMIN, List.of(new GatewayHostRequest("hv2", 1), new GatewayHostRequest("hv2", 2))).problem().field());
    assertEquals("external_gateway.hosts[1].priority", refused(ADMIN, List.of(new GatewayHostRequest("hv2", 1), new GatewayHostRequest("hv3", 1))).problem().field());
    assertEquals("external_gateway.hosts[0].priority", refused(ADMIN, List.of(new GatewayHostRequest("hv2", 0))).problem().field());
    assertEquals("external_gateway.hosts[0].priority", refused(ADMIN, List.of(new GatewayHostRequest("hv2", 256))).problem().field());
    assertEquals("external_gateway.hosts[0].hostname", refused(ADMIN, List.of(new GatewayHostRequest(" ", 5))).problem().field());
    assertEquals(ProblemCode.INVALID_VALUE, refused(ADMIN, List.of(new GatewayHostRequest("hv2", null))).problem().code());
  }
}
