package io.tenet.switches.ovsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.ovs.PrivateOvs;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Our OVSDB manager against real ovsdb-servers (OVS 3.1, userspace datapath), set up the way the
 * hypervisor contract says: external_ids tenet-encap-*, then {@code set-manager tcp:...}. hv1
 * (vxlan) connects, is listed, monitored, gets br-int and its tunnel once (a second run writes
 * nothing), and plugging/unplugging a VM port is seen as bound/unbound; it answers the server's
 * inactivity probe. hv2 shows that a missing encap ip writes nothing and that geneve gives a geneve
 * tunnel. The tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OvsdbOnOvsIT {
  static final List<String> CONTROLLERS = List.of("tcp:127.0.0.1:6653", "tcp:127.0.0.2:6653");
  static PrivateOvs hv1;
  static PrivateOvs hv2;
  static OvsdbListener listener;
  static final BlockingQueue<OvsdbConnection> connected = new LinkedBlockingQueue<>();
  static final BlockingQueue<OvsdbConnection> disconnected = new LinkedBlockingQueue<>();
  static final BlockingQueue<String> bindings = new LinkedBlockingQueue<>();
  static OvsdbConnection connection;

  @BeforeAll
  static void connectHv1() throws Exception {
    try {
      hv1 = PrivateOvs.start();
      hv1.vsctl("set", "Open_vSwitch", ".", "external_ids:tenet-encap-ip=172.31.99.1", "external_ids:tenet-encap-type=vxlan",
          "external_ids:tenet-datapath-type=netdev");
      listener = OvsdbListener.start("127.0.0.1", 0, new OvsdbConnectionListener() {
        @Override
        public void connected(OvsdbConnection c) {
          connected.add(c);
        }

        @Override
        public void disconnected(OvsdbConnection c) {
          disconnected.add(c);
        }
      });
      hv1.vsctl("set-manager", "tcp:127.0.0.1:" + listener.port());
      connection = connected.poll(10, TimeUnit.SECONDS);
      assertNotNull(connection, "hv1's ovsdb-server did not connect to the manager port");
      connection.monitor(new BindingListener() {
        @Override
        public void bound(InterfaceBinding b) {
          bindings.add("bound " + b.ifaceId() + " " + b.name() + " " + (b.ofport() > 0) + " " + b.attachedMac());
        }

        @Override
        public void unbound(InterfaceBinding b) {
          bindings.add("unbound " + b.ifaceId() + " " + b.name());
        }
      }).toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception | Error failed) {
      cleanUp();
      throw failed;
    }
  }

  @AfterAll
  static void cleanUp() throws Exception {
    try {
      if (listener != null) listener.close();
    } finally {
      try {
        if (hv2 != null) hv2.close();
      } finally {
        if (hv1 != null) hv1.close();
      }
    }
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    await(what, 10, condition);
  }

  static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
      Thread.sleep(20);
    }
  }

  static String get(PrivateOvs ovs, String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "get";
    System.arraycopy(args, 0, command, 1, args.length);
    return ovs.vsctl(command).trim();
  }

  @Test
  @Order(1)
  void managerConnectionListsTheDatabase() throws Exception {
    List<String> dbs = connection.listDbs().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertTrue(dbs.contains("Open_vSwitch"), dbs.toString());
    assertEquals("172.31.99.1", connection.cache().openVswitchExternalIds().get("tenet-encap-ip"));
  }

  @Test
  @Order(2)
  void setupCreatesBrIntWithTunnelAndControllers() throws Exception {
    HypervisorSetup.apply(connection, CONTROLLERS).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals("secure", get(hv1, "bridge", "br-int", "fail_mode"));
    assertEquals("[OpenFlow13]", get(hv1, "bridge", "br-int", "protocols"));
    assertEquals("netdev", get(hv1, "bridge", "br-int", "datapath_type"));
    assertEquals(String.join("\n", CONTROLLERS), hv1.vsctl("get-controller", "br-int").trim());
    assertEquals(List.of("out-of-band", "out-of-band"),
        hv1.vsctl("--bare", "--columns=connection_mode", "list", "Controller").lines().filter(line -> !line.isBlank()).toList());
    assertEquals("vxlan", get(hv1, "interface", "tenet-tun", "type"));
    assertEquals("{key=flow, local_ip=\"172.31.99.1\", remote_ip=flow}", get(hv1, "interface", "tenet-tun", "options"));
    // vswitchd accepted the tunnel: it got an OpenFlow port number
    await("tenet-tun has an ofport", () -> {
      try {
        return Integer.parseInt(get(hv1, "interface", "tenet-tun", "ofport")) > 0;
      } catch (Exception e) {
        return false;
      }
    });
  }

  @Test
  @Order(3)
  void secondSetupChangesNothing() throws Exception {
    await("the monitor saw br-int and its tunnel", () -> connection.cache().named("Bridge", "br-int").isPresent()
        && connection.cache().named("Interface", "tenet-tun").isPresent());
    String before = hv1.vsctl("--columns=_uuid,name,controller,ports,fail_mode,protocols,datapath_type", "list", "Bridge")
        + hv1.vsctl("list", "Controller") + hv1.vsctl("--columns=_uuid,name,type,options", "list", "Interface");
    List<?> ops = HypervisorSetup.apply(connection, CONTROLLERS).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(List.of(), ops);
    assertEquals("br-int", hv1.vsctl("list-br").trim());
    assertEquals("tenet-tun", hv1.vsctl("list-ports", "br-int").trim());
    String after = hv1.vsctl("--columns=_uuid,name,controller,ports,fail_mode,protocols,datapath_type", "list", "Bridge")
        + hv1.vsctl("list", "Controller") + hv1.vsctl("--columns=_uuid,name,type,options", "list", "Interface");
    assertEquals(before.replaceAll("(?m)^(is_connected|status|role) .*\n", ""), after.replaceAll("(?m)^(is_connected|status|role) .*\n", ""));
  }

  @Test
  @Order(4)
  void pluggedVmPortIsBoundAndUnbound() throws Exception {
    bindings.clear();
    hv1.vsctl("add-port", "br-int", "tap1", "--", "set", "interface", "tap1", "type=internal", "external_ids:iface-id=port-1",
        "external_ids:attached-mac=fa:16:3e:00:00:01");
    assertEquals("bound port-1 tap1 true fa:16:3e:00:00:01", bindings.poll(10, TimeUnit.SECONDS));
    hv1.vsctl("del-port", "br-int", "tap1");
    assertEquals("unbound port-1 tap1", bindings.poll(10, TimeUnit.SECONDS));
    assertEquals(null, bindings.poll(200, TimeUnit.MILLISECONDS));
  }

  @Test
  @Order(5)
  void inactivityProbeIsAnswered() throws Exception {
    // ovsdb-server probes an idle manager connection after 5 s and drops it 5 s later without an answer
    await("ovsdb-server probed us", 15, () -> connection.echoesAnswered() > 0);
    Thread.sleep(6_000);
    assertTrue(connection.isConnected());
    assertTrue(disconnected.isEmpty());
    assertTrue(connection.listDbs().toCompletableFuture().get(5, TimeUnit.SECONDS).contains("Open_vSwitch"));
  }

  @Test
  @Order(6)
  void missingEncapIpWritesNothingAndGeneveGivesAGeneveTunnel() throws Exception {
    hv2 = PrivateOvs.start();
    hv2.vsctl("set-manager", "tcp:127.0.0.1:" + listener.port());
    OvsdbConnection hv2Connection = connected.poll(10, TimeUnit.SECONDS);
    assertNotNull(hv2Connection, "hv2's ovsdb-server did not connect");
    hv2Connection.monitor(new BindingListener() {
      @Override
      public void bound(InterfaceBinding b) {}

      @Override
      public void unbound(InterfaceBinding b) {}
    }).toCompletableFuture().get(10, TimeUnit.SECONDS);

    ExecutionException refused = assertThrows(ExecutionException.class,
        () -> HypervisorSetup.apply(hv2Connection, CONTROLLERS).toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertInstanceOf(HypervisorSetup.InvalidHypervisorException.class, refused.getCause());
    assertEquals("", hv2.vsctl("list-br").trim());

    hv2.vsctl("set", "Open_vSwitch", ".", "external_ids:tenet-encap-ip=172.31.99.2", "external_ids:tenet-encap-type=geneve",
        "external_ids:tenet-datapath-type=netdev");
    await("the monitor saw hv2's encap ip", () -> hv2Connection.cache().openVswitchExternalIds().containsKey("tenet-encap-ip"));
    HypervisorSetup.apply(hv2Connection, CONTROLLERS).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals("geneve", get(hv2, "interface", "tenet-tun", "type"));
    assertEquals("{key=flow, local_ip=\"172.31.99.2\", remote_ip=flow}", get(hv2, "interface", "tenet-tun", "options"));
    // hv1 is untouched: the connections are separate
    assertEquals("vxlan", get(hv1, "interface", "tenet-tun", "type"));
  }

  @Test
  @Order(7)
  void changedEncapTypeIsFixedInPlace() throws Exception {
    hv1.vsctl("set", "Open_vSwitch", ".", "external_ids:tenet-encap-type=geneve");
    await("the monitor saw hv1's new encap type", () -> "geneve".equals(connection.cache().openVswitchExternalIds().get("tenet-encap-type")));
    String tunnelUuid = get(hv1, "interface", "tenet-tun", "_uuid");
    List<?> ops = HypervisorSetup.apply(connection, CONTROLLERS).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(1, ops.size(), ops.toString());
    assertEquals("geneve", get(hv1, "interface", "tenet-tun", "type"));
    assertEquals(tunnelUuid, get(hv1, "interface", "tenet-tun", "_uuid"));
    assertEquals("tenet-tun", hv1.vsctl("list-ports", "br-int").trim());
    assertTrue(Files.readString(hv1.dir().resolve("ovsdb.log")).contains("connected"), "ovsdb.log names the manager connection");
  }

  @Test
  @Order(8)
  void mappedPhysicalBridgeIsPatchedToBrIntAndUnpatchedWhenTheMappingGoes() throws Exception {
    hv1.vsctl("add-br", "br-ex", "--", "set", "bridge", "br-ex", "datapath_type=netdev");
    hv1.vsctl("set", "Open_vSwitch", ".", "external_ids:tenet-bridge-mappings=physnet1:br-ex", "external_ids:tenet-gateway=true");
    await("the monitor saw the mapping and br-ex", () -> connection.cache().openVswitchExternalIds().containsKey("tenet-bridge-mappings")
        && connection.cache().named("Bridge", "br-ex").isPresent());
    List<?> ops = HypervisorSetup.apply(connection, CONTROLLERS).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(6, ops.size(), ops.toString());
    assertEquals("tenet-int-to-physnet1\ntenet-tun", hv1.vsctl("list-ports", "br-int").trim());
    assertEquals("tenet-physnet1-to-int", hv1.vsctl("list-ports", "br-ex").trim());
    assertEquals("{peer=tenet-physnet1-to-int}", get(hv1, "interface", "tenet-int-to-physnet1", "options"));
    assertEquals("{peer=tenet-int-to-physnet1}", get(hv1, "interface", "tenet-physnet1-to-int", "options"));
    // vswitchd took the pair: the br-int side has an OpenFlow port, which the monitor reports
    await("the br-int side has an ofport in the monitor", () -> connection.cache().named("Interface", PatchPorts.integrationSide("physnet1"))
        .map(row -> row.getValue().path("ofport").asLong()).orElse(-1L) > 0);
    await("the monitor saw the pair", () -> connection.cache().named("Port", "tenet-physnet1-to-int").isPresent());
    assertEquals(List.of(), HypervisorSetup.apply(connection, CONTROLLERS).toCompletableFuture().get(10, TimeUnit.SECONDS));

    hv1.vsctl("remove", "Open_vSwitch", ".", "external_ids", "tenet-bridge-mappings");
    await("the monitor saw the mapping go", () -> !connection.cache().openVswitchExternalIds().containsKey("tenet-bridge-mappings"));
    HypervisorSetup.apply(connection, CONTROLLERS).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals("tenet-tun", hv1.vsctl("list-ports", "br-int").trim());
    assertEquals("", hv1.vsctl("list-ports", "br-ex").trim());
    assertEquals("", hv1.vsctl("--bare", "--columns=name", "find", "Interface", "type=patch").trim(), "the interfaces went with their ports");
    hv1.vsctl("del-br", "br-ex");
  }
}
