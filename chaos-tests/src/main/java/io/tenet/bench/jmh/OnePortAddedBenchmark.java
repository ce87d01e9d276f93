package io.tenet.bench.jmh;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.datapath.DatapathKnowledge;
import io.tenet.switches.reconcile.DesiredTables;
import io.tenet.switches.reconcile.SwitchTables;
import io.tenet.switches.reconcile.TableChanges;
import io.tenet.switches.reconcile.TableDiff;
import io.tenet.topology.model.NetworkDataplane;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What one remote port added to a network costs a datapath, as the datapath serves more networks
 * (the cloud grows, the changed network does not) and as that network is larger ({@code remotePorts}
 * elsewhere: a port joining a network of any size should cost each of its datapaths the same).
 * {@code learnedByTheDatapath} is what a datapath does when the network's new view arrives: derive
 * its view from what it knows, recompile and diff only what changed, the switch holding the
 * previous state. {@code perNetwork} does the same from a view made from nothing (no part of it is
 * the object the datapath compiled before, so every unchanged network is compared in full);
 * {@code wholeDatapath} recompiles and diffs everything, as a takeover does. {@code nothingNew} is
 * a reconcile when nothing changed (every tick, every anti-entropy answer): it must not grow with
 * what the datapath serves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OnePortAddedBenchmark {
  @Param({"1", "10", "100"})
  public int networks;

  @Param({"20", "250"})
  public int remotePorts;

  /**
   * The ports' default groups (ingress only from their members): the added port is a new member
   * too. With a tenant per network, the ingress table names as many groups as there are networks.
   */
  @Param({"NONE", "ONE_TENANT", "TENANT_PER_NETWORK"})
  public SampleGroups groups;

  private DatapathView viewPlusOne;
  private DesiredTables held;
  private SwitchTables installed;
  private DatapathKnowledge knowledge;
  private NetworkDataplane networkPlusOne;
  private DesiredTables heldFromKnowledge;

  @Setup
  public void build() {
    DatapathView view = SampleDatapath.view(networks, remotePorts, false, groups);
    viewPlusOne = SampleDatapath.view(networks, remotePorts, true, groups);
    held = DesiredTables.NONE.next(view);
    installed = held.merged();
    knowledge = SampleKnowledge.knowledge(networks, remotePorts, groups);
    networkPlusOne = SampleKnowledge.network(0, remotePorts + 1, groups, 2);
    heldFromKnowledge = DesiredTables.NONE.next(knowledge.view(SampleKnowledge.ENCAP_IP, 1));
  }

  @Benchmark
  public TableChanges learnedByTheDatapath() {
    DatapathView view = knowledge.withNetwork(networkPlusOne).view(SampleKnowledge.ENCAP_IP, 1);
    return heldFromKnowledge.next(view).changesFrom(heldFromKnowledge);
  }

  @Benchmark
  public TableChanges nothingNew() {
    return heldFromKnowledge.next(knowledge.view(SampleKnowledge.ENCAP_IP, 1)).changesFrom(heldFromKnowledge);
  }

  @Benchmark
  public TableChanges perNetwork() {
    return held.next(viewPlusOne).changesFrom(held);
  }

  @Benchmark
  public TableChanges wholeDatapath() {
    return TableDiff.between(SwitchTables.desired(FlowCompiler.compile(viewPlusOne)), installed, true);
  }
}
