package io.tenet.switches.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.ovs.PrivateOvs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compiled pipeline of {@link FlowCompilerTest}'s hv1, loaded into a real Open vSwitch:
 * every flow and group is accepted, and {@code ofproto/trace} gives the verdicts the simulator
 * gives (tunnel to the right hypervisor, local ARP answer, spoof dropped, foreign VNI dropped).
 */
class CompiledFlowsOnOvsIT {
  static PrivateOvs ovs;

  @BeforeAll
  static void loadIntoOvs() throws Exception {
    ovs = PrivateOvs.start();
    ovs.addSampleIntegrationBridge();
    CompiledFlows compiled = FlowCompiler.compile(FlowCompilerTest.HV1);
    Path groups = ovs.dir().resolve("groups.txt");
    Path flows = ovs.dir().resolve("flows.txt");
    Files.writeString(groups, compiled.groups().stream().map(g -> g.ofctl()).collect(Collectors.joining("\n", "", "\n")));
    Files.writeString(flows, compiled.legend() + compiled.flows().stream().map(f -> f.ofctl()).collect(Collectors.joining("\n", "", "\n")));
    ovs.ofctl("br-int", "add-groups", groups.toString());
    ovs.ofctl("br-int", "add-flows", flows.toString());
  }

  @AfterAll
  static void stopOvs() throws Exception {
    if (ovs != null) ovs.close();
  }

  @Test
  void everyFlowAndGroupIsInstalled() throws Exception {
    CompiledFlows compiled = FlowCompiler.compile(FlowCompilerTest.HV1);
    long flows = ovs.ofctl("br-int", "dump-flows").lines().filter(line -> line.contains("cookie=")).count();
    long groups = ovs.ofctl("br-int", "dump-groups").lines().filter(line -> line.contains("group_id=")).count();
    assertEquals(compiled.flows().size(), flows);
    assertEquals(compiled.groups().size(), groups);
  }

  @Test
  void realOvsAgreesWithTheSimulator() throws Exception {
    String toRemote = trace("in_port=2,dl_src=fa:16:3e:00:00:a1,dl_dst=fa:16:3e:00:00:a2,ip,nw_src=10.0.0.3,nw_dst=10.0.0.4");
    // this bridge has no underlay route, so the datapath drops it after the pipeline chose the tunnel
    assertTrue(toRemote.contains("set_field:0x1000->tun_id") && toRemote.contains("set_field:172.31.99.2->tun_dst")
        && toRemote.contains("output to native tunnel"), toRemote);

    String spoofed = trace("in_port=2,dl_src=fa:16:3e:00:00:a1,dl_dst=fa:16:3e:00:00:a2,ip,nw_src=10.0.0.99,nw_dst=10.0.0.4");
    assertTrue(finalActions(spoofed).equals("drop"), spoofed);

    String arp = trace("in_port=2,dl_src=fa:16:3e:00:00:a1,dl_dst=ff:ff:ff:ff:ff:ff,arp,arp_op=1,arp_sha=fa:16:3e:00:00:a1,arp_spa=10.0.0.3,arp_tpa=10.0.0.4");
    assertTrue(arp.contains("arp_sha=fa:16:3e:00:00:a2") || arp.contains("set_field:fa:16:3e:00:00:a2->arp_sha"), arp);
    assertTrue(finalActions(arp).contains("2") && !arp.contains("tun_dst=172"), "answered locally, nothing into the tunnel: " + arp);

    String foreignVni = trace("in_port=1,tun_id=0x1000,dl_src=fa:16:3e:00:00:b2,dl_dst=fa:16:3e:00:00:b1,ip,nw_src=10.0.0.4,nw_dst=10.0.0.3");
    assertEquals("drop", finalActions(foreignVni), foreignVni);
    String ownVni = trace("in_port=1,tun_id=0x1001,dl_src=fa:16:3e:00:00:b2,dl_dst=fa:16:3e:00:00:b1,ip,nw_src=10.0.0.4,nw_dst=10.0.0.3");
    assertTrue(finalActions(ownVni).contains("3") || ownVni.contains("output:3"), ownVni);
  }

  private static String trace(String flow) throws Exception {
    return ovs.appctl("ofproto/trace", "br-int", flow);
  }

  private static String finalActions(String trace) {
    return trace.lines().filter(line -> line.startsWith("Datapath actions:")).findFirst().orElse("").replace("Datapath actions:", "").trim();
  }
}
