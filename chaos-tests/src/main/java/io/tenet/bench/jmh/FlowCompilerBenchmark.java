package io.tenet.bench.jmh;

import io.tenet.switches.compile.CompiledFlows;
import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.reconcile.SwitchTables;
import io.tenet.switches.reconcile.TableChanges;
import io.tenet.switches.reconcile.TableDiff;
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
    view = SampleDatapath.view(NETWORKS, remotePorts, false);
    viewPlusOne = SampleDatapath.view(NETWORKS, remotePorts, true);
    installed = SwitchTables.desired(FlowCompiler.compile(view));
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
