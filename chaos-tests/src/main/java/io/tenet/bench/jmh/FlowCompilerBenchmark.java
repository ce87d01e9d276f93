package io.tenet.bench.jmh;

import io.tenet.switches.compile.CompiledFlows;
import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.compile.LocalPort;
import io.tenet.switches.compile.NetworkPlan;
import io.tenet.switches.compile.RemotePort;
import io.tenet.switches.reconcile.SwitchTables;
import io.tenet.switches.reconcile.TableChanges;
import io.tenet.switches.reconcile.TableDiff;
import java.util.ArrayList;
import java.util.List;
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
 * The flow compiler on one hypervisor's view: 10 networks, one local port in each, and
 * {@code remotePorts} ports of each network on other hypervisors. {@code compile} is the pure
 * compilation, {@code desiredTables} adds the OpenFlow wire encoding the reconciler compares, and
 * {@code onePortAdded} is what one new remote port costs a datapath: compile, encode and diff
 * against what it holds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FlowCompilerBenchmark {
  static final int NETWORKS = 10;

  @Param({"10", "100", "1000"})
  public int remotePorts;

  private DatapathView view;
  private DatapathView viewPlusOne;
  private SwitchTables installed;

  @Setup
  public void build() {
    view = view(remotePorts, false);
    viewPlusOne = view(remotePorts, true);
    installed = SwitchTables.desired(FlowCompiler.compile(view));
  }

  /** 10 networks with one local port each; the first network gets one more remote port when {@code plusOne}. */
  static DatapathView view(int remotePerNetwork, boolean plusOne) {
    List<LocalPort> locals = new ArrayList<>();
    List<NetworkPlan> plans = new ArrayList<>();
    for (int n = 0; n < NETWORKS; n++) {
      String networkId = "net-" + n;
      locals.add(new LocalPort("local-" + n, networkId, 10 + n, mac(n, 0), List.of(ip(n, 2)), true));
      List<RemotePort> remotes = new ArrayList<>();
      int count = remotePerNetwork + (plusOne && n == 0 ? 1 : 0);
      for (int p = 0; p < count; p++) {
        remotes.add(new RemotePort("remote-" + n + "-" + p, mac(n, p + 1), List.of(ip(n, p + 3)), "192.168." + (p % 250) + "." + (1 + p / 250)));
      }
      plans.add(new NetworkPlan(networkId, 4096 + n, true, remotes));
    }
    return new DatapathView("0000000000000001", "192.168.255.1", 1, locals, plans);
  }

  private static String mac(int network, int port) {
    return String.format("fa:16:3e:%02x:%02x:%02x", network, (port >> 8) & 0xff, port & 0xff);
  }

  /** 10.n.x.y, distinct for up to 65 k ports per network. */
  private static String ip(int network, int host) {
    return "10." + network + "." + (host >> 8) + "." + (host & 0xff);
  }

  @Benchmark
  public CompiledFlows compile() {
    return FlowCompiler.compile(view);
  }

  @Benchmark
  public SwitchTables desiredTables() {
    return SwitchTables.desired(FlowCompiler.compile(view));
  }

  @Benchmark
  public TableChanges onePortAdded() {
    return TableDiff.between(SwitchTables.desired(FlowCompiler.compile(viewPlusOne)), installed, true);
  }
}
