package io.tenet.topology.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.topology.floatingip.FloatingIpEntity;
import io.tenet.topology.model.AddressReservation;
import io.tenet.topology.model.ExternalClaim;
import io.tenet.topology.model.ExternalGateway;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.FloatingIpBinding;
import io.tenet.topology.model.GatewayHost;
import io.tenet.topology.model.L2Bridge;
import io.tenet.topology.model.HostRoute;
import io.tenet.topology.model.IpRange;
import io.tenet.topology.model.NetworkSpec;
import io.tenet.topology.model.PortBinding;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.ProviderSegment;
import io.tenet.topology.model.ProviderType;
import io.tenet.topology.model.RouterInterface;
import io.tenet.topology.model.RuleDirection;
import io.tenet.topology.model.SecurityGroupRule;
import io.tenet.topology.model.SecurityGroupSpec;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.network.NetworkEntity;
import io.tenet.topology.port.PortEntity;
import io.tenet.topology.router.RouterEntity;
import io.tenet.topology.secgroup.SecurityGroupEntity;
import io.tenet.topology.tenant.ResourceKind;
import io.tenet.topology.tenant.TenantDirectory;
import io.tenet.topology.tenant.TenantEntity;
import io.tenet.topology.testing.Fixtures;
import io.tenet.topology.vni.VniRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Events in the journal outlive the code that wrote them. Each event type has a golden file in
 * src/test/resources/events/ holding the bytes as first written; today's code must still read
 * them into the same value. A change that renames or retypes a field fails here, before it
 * reaches a journal. New event types need a sample below and a golden file: run once with
 * -Dtenet.golden.write=true and commit the new file (never rewrite an existing one).
 */
class EventCompatibilityTest {
  private static final Path GOLDEN = Path.of("src/test/resources/events");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-11-23T12:00:00.123Z");
  private static ActorTestKit kit;
  private static Serialization serialization;

  @BeforeAll
  static void start() {
    kit = ActorTestKit.create(Fixtures.persistenceConfig());
    serialization = SerializationExtension.get(kit.system().classicSystem());
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  static Map<Class<?>, Object> samples() {
    Subnet subnet = new Subnet("s1", "web", "10.0.0.0/24", "10.0.0.1", List.of(new IpRange("10.0.0.2", "10.0.0.254")), true, "10.0.0.2",
        List.of("10.0.0.53"), List.of(new HostRoute("192.168.0.0/16", "10.0.0.254")));
    NetworkSpec network = new NetworkSpec("web", null, 1450, true, List.of(subnet));
    PortSpec port = new PortSpec("n1", "vm1", null, null, List.of("g1"), true, true, "compute:nova", "vm-1");
    AddressReservation addresses = new AddressReservation("p1", "fa:16:3e:00:00:01", List.of(new FixedIp("s1", "10.0.0.3")));
    SecurityGroupSpec group = new SecurityGroupSpec("web", "http", List.of(
        new SecurityGroupRule("r1", RuleDirection.INGRESS, "IPv4", "tcp", 80, 80, "0.0.0.0/0", null, "")));
    List<HostRoute> routes = List.of(new HostRoute("172.16.0.0/12", "10.0.0.254"));
    PortBinding binding = new PortBinding("0000000000000001", "hv-1", "192.168.0.11", 7);
    Map<Class<?>, Object> samples = new LinkedHashMap<>();
    for (Object event : List.of(
        new TenantEntity.TenantCreated("t1", "acme", "hash", "g0", AT),
        new TenantEntity.ResourceIndexed(ResourceKind.NETWORK, "n1"),
        new TenantEntity.ResourceUnindexed(ResourceKind.ROUTER, "r1"),
        new TenantDirectory.TenantRegistered("t1"),
        new TenantDirectory.TenantUnregistered("t1"),
        // origin: null, as in every event written before it was recorded (the golden files)
        new NetworkEntity.NetworkCreated("n1", "t1", network, 4096, AT, null),
        new NetworkEntity.NetworkUpdated("web2", 1400, false, List.of(subnet), AT, null),
        new NetworkEntity.AddressesReserved(addresses, true, null), // its golden file is from before portSecurityEnabled
        new NetworkEntity.AddressesReleased("p1", null),
        new NetworkEntity.NetworkDeleted(AT, null),
        new NetworkEntity.VniReturned(4096),
        new NetworkEntity.MemberBound("p1", binding),
        new NetworkEntity.MemberUnbound("p1", "0000000000000001"),
        new NetworkEntity.MemberSecurityChanged("p1", false),
        new SecurityGroupEntity.SecurityGroupCreated("g1", "t1", group, AT, null),
        new SecurityGroupEntity.SecurityGroupUpdated(group, AT, null),
        new SecurityGroupEntity.SecurityGroupDeleted(AT, null),
        new RouterEntity.RouterCreated("r1", "t1", "edge", true, routes, AT, null),
        new RouterEntity.RouterUpdated("edge2", false, routes, AT, null),
        new RouterEntity.InterfaceAdded(new RouterInterface("p9", "n1", "s1", "10.0.0.1", "10.0.0.0/24"), AT, null),
        new RouterEntity.InterfaceRemoved("p9", AT, null),
        new RouterEntity.RouterDeleted(AT, null),
        new RouterEntity.ExternalGatewaySet(new ExternalGateway("ext", true, "gw-port", "203.0.113.10", "fa:16:3e:00:00:0e", "203.0.113.0/24", "203.0.113.1",
            4200, new ProviderSegment(ProviderType.FLAT, "physnet1", null), List.of(new GatewayHost("00000000000000a1", "gw1", "172.31.99.9", 2))), AT, null),
        new RouterEntity.ExternalGatewayRemoved(AT, null),
        new RouterEntity.FloatingIpAttached(new FloatingIpBinding("fip-1", "203.0.113.20", "10.0.0.3", "p1"), AT, null),
        new RouterEntity.FloatingIpDetached("fip-1", AT, null),
        new RouterEntity.GatewayTakenOver("0000000000000003", "0000000000000002", AT),
        new NetworkEntity.NetworkBridged(new L2Bridge("l2gw-1", new ProviderSegment(ProviderType.VLAN, "physnet1", 200), 4300,
            List.of(new GatewayHost("00000000000000a1", "gw1", "172.31.99.9", 2), new GatewayHost("00000000000000a2", "gw2", "172.31.99.10", 1)),
            "00000000000000a1"), AT, null),
        new NetworkEntity.BridgeTakenOver("00000000000000a2", AT),
        new NetworkEntity.L2ClaimReturned("l2gw-1"),
        new NetworkEntity.TagsSet("s1", List.of("dmz", "prod"), AT, null),
        new FloatingIpEntity.TagsSet(List.of("dns"), AT, null),
        new PortEntity.TagsSet(List.of("vm-7"), AT, null),
        new RouterEntity.TagsSet(List.of("edge"), AT, null),
        new SecurityGroupEntity.TagsSet(List.of("web"), AT, null),
        new FloatingIpEntity.FloatingIpCreated("fip-1", "t1", "ext", "fip-port", "203.0.113.20", AT, null),
        new FloatingIpEntity.FloatingIpAssociated("p1", "10.0.0.3", "r1", AT, null),
        new FloatingIpEntity.FloatingIpDeleted(AT, null),
        new PortEntity.PortRequested("p1", "t1", port, AT, null),
        new PortEntity.PortCreated(addresses, AT),
        new PortEntity.PortRefused(new Problem(ProblemCode.IP_IN_USE, "10.0.0.3 is already used", "fixed_ips[0].ip_address")),
        new PortEntity.PortUpdated(port, AT, null),
        new PortEntity.PortDeletionStarted(AT, null),
        new PortEntity.PortDeleted(AT),
        new PortEntity.PortBound(binding, AT),
        new PortEntity.PortUnbound("0000000000000001", AT),
        new VniRegistry.VniAllocated("n1", 4096),
        new VniRegistry.VniReleased("n1", 4096),
        new VniRegistry.ClaimUpdated("n1", new ExternalClaim(new ProviderSegment(ProviderType.VLAN, "physnet1", 100), List.of("203.0.113.0/24"))))) {
      samples.put(event.getClass(), event);
    }
    return samples;
  }

  @Test
  void everyEventTypeHasASample() {
    Set<String> declared = new TreeSet<>();
    for (Class<?> family : List.of(TenantEntity.Event.class, TenantDirectory.Event.class, NetworkEntity.Event.class, SecurityGroupEntity.Event.class,
        RouterEntity.Event.class, PortEntity.Event.class, VniRegistry.Event.class, FloatingIpEntity.Event.class)) {
      Arrays.stream(family.getPermittedSubclasses()).map(Class::getName).forEach(declared::add);
    }
    assertEquals(declared, samples().keySet().stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new)));
  }

  @Test
  void eventsWrittenEarlierStillReadIntoTheSameValue() throws IOException {
    boolean write = Boolean.getBoolean("tenet.golden.write");
    for (Map.Entry<Class<?>, Object> sample : samples().entrySet()) {
      Path file = GOLDEN.resolve(sample.getKey().getName().replace('$', '.') + ".json");
      if (write && !Files.exists(file)) {
        Files.createDirectories(GOLDEN);
        Files.writeString(file, golden(sample.getValue()));
      }
      assertTrue(Files.exists(file), "no golden file " + file + " (see the class comment)");
      assertEquals(sample.getValue(), read(Files.readString(file)), file.toString());
    }
  }

  @Test
  void anEventFromBeforeAFieldExistedReadsWithItsDefault() throws IOException {
    // A subnet written before DNS servers and host routes existed, by a writer that also knew
    // a field this code does not (as during a rolling deploy).
    ObjectNode golden = (ObjectNode) JSON.readTree(Files.readString(GOLDEN.resolve(NetworkEntity.NetworkCreated.class.getName().replace('$', '.') + ".json")));
    ObjectNode subnet = (ObjectNode) golden.at("/payload/spec/subnets/0");
    subnet.remove("dnsServers");
    subnet.remove("hostRoutes");
    subnet.put("fieldFromTheFuture", 42);
    NetworkEntity.NetworkCreated old = (NetworkEntity.NetworkCreated) read(JSON.writeValueAsString(golden));
    assertEquals(List.of(), old.spec().subnets().get(0).dnsServers());
    assertEquals(List.of(), old.spec().subnets().get(0).hostRoutes());
    assertEquals("10.0.0.0/24", old.spec().subnets().get(0).cidr());
  }

  @Test
  void aReservationFromBeforePortSecurityWasRecordedReadsAsEnabled() throws IOException {
    ObjectNode golden = (ObjectNode) JSON.readTree(Files.readString(GOLDEN.resolve(NetworkEntity.AddressesReserved.class.getName().replace('$', '.') + ".json")));
    ((ObjectNode) golden.get("payload")).remove("portSecurityEnabled");
    NetworkEntity.AddressesReserved old = (NetworkEntity.AddressesReserved) read(JSON.writeValueAsString(golden));
    assertEquals(true, old.portSecurityEnabled());
    assertEquals("p1", old.reservation().portId());
    ((ObjectNode) golden.get("payload")).put("portSecurityEnabled", false);
    assertEquals(false, ((NetworkEntity.AddressesReserved) read(JSON.writeValueAsString(golden))).portSecurityEnabled());
  }

  private static String golden(Object event) throws IOException {
    Serializer serializer = serialization.findSerializerFor(event);
    ObjectNode file = JSON.createObjectNode();
    file.put("serializerId", serializer.identifier());
    file.put("manifest", Serializers.manifestFor(serializer, event));
    file.set("payload", JSON.readTree(serializer.toBinary(event)));
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file) + "\n";
  }

  private static Object read(String goldenText) throws IOException {
    JsonNode file = JSON.readTree(goldenText);
    byte[] payload = JSON.writeValueAsString(file.get("payload")).getBytes(StandardCharsets.UTF_8);
    return serialization.deserialize(payload, file.get("serializerId").asInt(), file.get("manifest").asText()).get();
  }
}
