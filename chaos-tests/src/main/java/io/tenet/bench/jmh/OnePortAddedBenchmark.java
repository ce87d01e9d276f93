package io.tenet.bench.jmh;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.reconcile.DesiredTables;
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
 * What one remote port added to a network of fixed size (20 ports elsewhere) costs a datapath, as
 * the datapath serves more networks: the cloud grows, the changed network does not.
 * {@code perNetwork} is what the datapath does (recompile and diff only the changed network, the
 * switch holding the previous state); {@code wholeDatapath} recompiles and diffs everything, as it
 * did before, for comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OnePortAddedBenchmark {
  static final int REMOTE_PORTS = 20;

  @Param({"1", "10", "100"})
  public int networks;

  /** Every port in the tenant's default group (ingress only from its members): the added port is a new member too. */
  @Param({"false", "true"})
  public boolean defaultGroup;

  private DatapathView viewPlusOne;
  private DesiredTables held;
  private SwitchTables installed;

  @Setup
  public void build() {
    DatapathView view = SampleDatapath.view(networks, REMOTE_PORTS, false, defaultGroup);
    viewPlusOne = SampleDatapath.view(networks, REMOTE_PORTS, true, defaultGroup);
    held = DesiredTables.NONE.next(view);
    installed = held.merged();
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
