package io.tenet.topology.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.NetworkSpec;
import io.tenet.topology.model.Origin;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.model.SubnetRequest;
import io.tenet.topology.validation.NetworkValidation;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;

/** Small builders and assertions shared by the topology tests. */
public final class Fixtures {
  /** Who the tests' changes come from. */
  public static final Origin ORIGIN = new Origin("tenant:test", "request-1");

  private Fixtures() {}

  /** The testkit's in-memory journal and snapshot store over the application's own configuration. */
  public static Config persistenceConfig() {
    return EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load());
  }

  public static SubnetRequest subnetRequest(String cidr) {
    return new SubnetRequest(null, null, cidr, null, null, null, null, null);
  }

  /** Validated subnets with every default, as the network entity stores them. */
  public static List<Subnet> subnets(String networkId, String... cidrs) {
    return NetworkValidation.subnets(networkId, Arrays.stream(cidrs).map(Fixtures::subnetRequest).toList());
  }

  public static NetworkSpec networkSpec(String networkId, String name, String... cidrs) {
    return new NetworkSpec(name, null, NetworkValidation.DEFAULT_MTU, true, subnets(networkId, cidrs));
  }

  /** A port that asks for nothing in particular: one address, a generated MAC. */
  public static PortSpec portSpec(String networkId) {
    return new PortSpec(networkId, "", null, null, List.of(), true, true, "", "");
  }

  public static PortSpec portSpec(String networkId, String mac, List<FixedIp> ips) {
    return new PortSpec(networkId, "", mac, ips, List.of(), true, true, "", "");
  }

  public static PortSpec routerPortSpec(String networkId, String routerId, List<FixedIp> ips) {
    return new PortSpec(networkId, "", null, ips, List.of(), false, true, PortSpec.ROUTER_INTERFACE_OWNER, routerId);
  }

  public static <T> T ok(Outcome<T> outcome) {
    if (outcome instanceof Outcome.Ok<T> ok) return ok.value();
    fail("expected ok, got " + outcome);
    return null;
  }

  public static Problem rejected(Outcome<?> outcome) {
    if (outcome instanceof Outcome.Rejected<?> rejected) return rejected.problem();
    fail("expected a refusal, got " + outcome);
    return null;
  }

  public static Problem rejected(Outcome<?> outcome, ProblemCode code) {
    Problem problem = rejected(outcome);
    assertEquals(code, problem.code(), () -> "problem: " + problem);
    return problem;
  }

  public static Problem rejected(Outcome<?> outcome, ProblemCode code, String field) {
    Problem problem = rejected(outcome, code);
    assertEquals(field, problem.field(), () -> "problem: " + problem);
    return problem;
  }
}
