package io.tenet.chaos;

import io.tenet.lab.Await;
import com.fasterxml.jackson.databind.JsonNode;
import io.tenet.bench.BenchmarkApi;
import io.tenet.bench.LocalNode;
import io.tenet.lab.Hypervisor;
import io.tenet.lab.Vm;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One fault, injected under steady load. Each scenario waits until the world has recovered from
 * it (every datapath mastered and converged) and then makes it whole again (the lost node back),
 * so scenarios can run one after another on one world.
 */
sealed interface Scenario {
  String name();

  /** Which ping pairs may lose packets during this fault (the rest must lose none). */
  default boolean mayLosePings(String pair) {
    return false;
  }

  /**
   * How many pings of a pair this fault may cost one at a time (never two in a row) when the pair
   * is not in {@link #mayLosePings}: OVS's userspace datapath reconfigures on every interface
   * change on a hypervisor and may lose a packet it was receiving meanwhile, with no controller
   * involved (OvsLabIT shows it with static flows). Only faults that plug or unplug VMs allow any.
   */
  default int isolatedLossesAllowed(String pair) {
    return 0;
  }

  FaultOutcome inject(ChaosWorld world) throws Exception;

  static List<Scenario> all(Duration outage) {
    return List.of(new KillMaster(), new GracefulLeave(), new RollingRestart(), new Partition(false), new Partition(true), new OvsRestart(), new MigrateDuringFailover(),
        new CassandraOutage(outage));
  }

  static Scenario named(String name, Duration outage) {
    return all(outage).stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no scenario '" + name + "'; there are " + all(outage).stream().map(Scenario::name).toList()));
  }

  /** Seconds from {@code start} until every one of the datapaths logged {@code what} on some node (its master or converged line). */
  static double untilEveryDatapath(ChaosWorld world, LocalTime start, List<String> datapaths, String what) {
    double latest = 0;
    for (String id : datapaths) {
      latest = Math.max(latest, world.secondsUntilLogged(start, "datapath " + id + ": " + what)
          .orElseThrow(() -> new IllegalStateException("datapath " + id + " never logged '" + what + "' after the fault at " + start
              + "; its lines in the nodes' logs:\n" + String.join("\n", world.linesLogged("datapath " + id)))));
    }
    return Math.round(latest * 100) / 100.0;
  }

  /** The node mastering most datapaths is lost ({@code kill -9} or SIGTERM); survivors take its datapaths over; it comes back. */
  static FaultOutcome loseMasterNode(ChaosWorld world, boolean crash, Runnable duringFailover) throws Exception {
    LocalNode victim = world.masterOfMost();
    List<String> moved = world.datapathsOf(victim);
    LocalTime start = LocalTime.now();
    String faultAt = ChaosWorld.wallClock();
    if (crash) victim.kill(); else victim.stop();
    duringFailover.run();
    world.awaitConverged(Optional.of(victim));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("lost_node", victim.clusterAddress());
    details.put("fault_at", faultAt);
    details.put("datapaths_moved", moved.size());
    if (crash) {
      world.secondsUntilLogged(start, "Marking node as UNREACHABLE").ifPresent(s -> details.put("unreachable_after_seconds", s));
      world.secondsUntilLogged(start, "SBR took decision").ifPresent(s -> details.put("downed_after_seconds", s));
      world.secondsUntilLogged(start, "Leader is removing").ifPresent(s -> details.put("removed_after_seconds", s));
    }
    // when the first moved entity began on a survivor: what follows is recovery, mastership and reconciliation
    moved.stream().flatMap(id -> world.secondsUntilLogged(start, "datapath " + id + ": started on this node", node -> node != victim).stream())
        .min(Double::compare).ifPresent(s -> details.put("first_started_after_seconds", s));
    FaultOutcome outcome = new FaultOutcome(untilEveryDatapath(world, start, moved, "master with term"),
        untilEveryDatapath(world, start, moved, "converged"), details);
    world.stack().restartNode(victim.index());
    world.awaitConverged(Optional.empty());
    return outcome;
  }

  /** 1. kill -9 of the node that masters most datapaths. */
  record KillMaster() implements Scenario {
    public String name() {
      return "kill-master";
    }

    public FaultOutcome inject(ChaosWorld world) throws Exception {
      return loseMasterNode(world, true, () -> {});
    }
  }

  /** 2. SIGTERM of that node: it leaves the cluster and hands its shards over; then it returns. */
  record GracefulLeave() implements Scenario {
    public String name() {
      return "graceful-leave";
    }

    public FaultOutcome inject(ChaosWorld world) throws Exception {
      return loseMasterNode(world, false, () -> {});
    }
  }

  /**
   * 3. Every node restarted in turn by the deploy tool, {@code deploy/bin/tenet-rolling}, exactly
   * as on real hosts but with each host a namespace: it stops the node (SIGTERM: it leaves and
   * hands its shards over), starts it, waits until it is ready and every datapath has converged,
   * then the next. The service manager's part on each host is {@code deploy/bin/tenet-node}.
   */
  record RollingRestart() implements Scenario {
    public String name() {
      return "rolling";
    }

    public FaultOutcome inject(ChaosWorld world) throws Exception {
      List<String> datapaths = new ArrayList<>();
      for (JsonNode dp : world.datapaths()) datapaths.add(dp.path("datapath_id").asText());
      RollingDeploy.Run run = RollingDeploy.restartAll(world);
      for (LocalNode node : world.stack().nodes()) node.adoptFromPidFile();
      world.awaitConverged(Optional.empty());
      double remaster = 0;
      double reconcile = 0;
      for (LocalNode node : world.stack().nodes()) {
        // what the node mastered when it was stopped: shards also move between stops (rebalancing onto a restarted node)
        LocalTime stopped = run.stoppedAt().get(RollingDeploy.nodeName(node));
        List<String> moved = world.datapathsMasteredAt(node, stopped, datapaths);
        if (moved.isEmpty()) continue;
        remaster = Math.max(remaster, untilEveryDatapath(world, stopped, moved, "master with term"));
        reconcile = Math.max(reconcile, untilEveryDatapath(world, stopped, moved, "converged"));
      }
      return new FaultOutcome(remaster, reconcile, Map.of("restarted_in_order", List.copyOf(run.stoppedAt().keySet()), "tool_seconds", run.seconds()));
    }
  }

  /**
   * 4. The node mastering most datapaths is cut off: from everything ({@code partition}: its link
   * goes down) or from the other nodes only ({@code partial-partition}: it still reaches the
   * hypervisors and Cassandra, so it keeps its OpenFlow connections and could still write its
   * journals). The majority downs it and takes its datapaths over; the minority node downs itself
   * and exits, as keep-majority prescribes; once the network heals it is started again (as its
   * service manager would) and rejoins. Throughout, every switch is watched: never two masters at
   * once. And one writer per journal: the minority's Datapath region must have stopped before the
   * majority's resolver decided, and so before the majority started any of the moved entities
   * (all read from the nodes' logs, one clock).
   */
  record Partition(boolean peersOnly) implements Scenario {
    static final Duration STEP_DOWN_TIMEOUT = Duration.ofSeconds(90);

    public String name() {
      return peersOnly ? "partial-partition" : "partition";
    }

    public FaultOutcome inject(ChaosWorld world) throws Exception {
      LocalNode victim = world.masterOfMost();
      List<String> moved = world.datapathsOf(victim);
      Map<String, MasterWatch.Seen> seen;
      Map<String, Object> details = new LinkedHashMap<>();
      double remaster;
      double reconcile;
      try (MasterWatch watch = MasterWatch.start(world.lab().hypervisors())) {
        LocalTime start = LocalTime.now();
        long cut = System.nanoTime();
        if (peersOnly) world.separate(victim); else world.isolate(victim);
        world.awaitConverged(Optional.of(victim));
        remaster = untilEveryDatapath(world, start, moved, "master with term");
        reconcile = untilEveryDatapath(world, start, moved, "converged");
        if (!victim.awaitExit(STEP_DOWN_TIMEOUT)) {
          throw new IllegalStateException("the cut-off node " + victim.index() + " did not step down within " + STEP_DOWN_TIMEOUT.toSeconds() + " s");
        }
        details.put("minority_exited_after_seconds", Math.round((System.nanoTime() - cut) / 1e7) / 100.0);
        details.putAll(oneWriter(world, start, victim, moved));
        if (peersOnly) world.unseparate(victim); else world.reconnect(victim);
        world.stack().restartNode(victim.index());
        world.awaitConverged(Optional.empty());
        seen = watch.stop();
      }
      details.put("cut_off_node", victim.clusterAddress());
      details.put("datapaths_moved", moved.size());
      Map<String, Object> switches = new LinkedHashMap<>();
      seen.forEach((hv, s) -> switches.put(hv, Map.of("most_masters_at_once", s.mostMastersAtOnce(), "master_changes", s.masterChanges(), "reads", s.reads())));
      details.put("switches", switches);
      int most = seen.values().stream().mapToInt(MasterWatch.Seen::mostMastersAtOnce).max().orElse(0);
      details.put("most_masters_at_once", most);
      if (most > 1) throw new IllegalStateException("a switch had " + most + " masters at once: " + switches);
      return new FaultOutcome(remaster, reconcile, details);
    }

    /** When the minority stopped its Datapath entities, when the majority started the first moved one, and the gap between. */
    private static Map<String, Object> oneWriter(ChaosWorld world, LocalTime start, LocalNode victim, List<String> moved) {
      double stopped = world.secondsUntilLogged(start, "Datapath: Self downed, stopping ShardRegion", node -> node == victim)
          .orElseThrow(() -> new IllegalStateException("the cut-off node never logged that it stopped its Datapath region"));
      double firstStarted = Double.MAX_VALUE;
      for (String id : moved) {
        firstStarted = Math.min(firstStarted, world.secondsUntilLogged(start, "datapath " + id + ": started on this node", node -> node != victim)
            .orElseThrow(() -> new IllegalStateException("no surviving node logged the start of datapath " + id)));
      }
      double gap = Math.round((firstStarted - stopped) * 1000) / 1000.0;
      if (gap <= 0) {
        throw new IllegalStateException("two writers: the majority started a moved datapath " + firstStarted + " s after the cut, the minority stopped its own at " + stopped + " s");
      }
      // the minority steps down as soon as it sees itself alone, not when the resolver gets to it
      double majorityDecided = world.secondsUntilLogged(start, "SBR took decision DownUnreachable", node -> node != victim)
          .orElseThrow(() -> new IllegalStateException("no surviving node logged the resolver's decision"));
      if (stopped >= majorityDecided) {
        throw new IllegalStateException("the minority stopped its datapaths " + stopped + " s after the cut, not before the majority's resolver decided (" + majorityDecided + " s)");
      }
      return Map.of("minority_datapaths_stopped_after_seconds", stopped, "majority_decided_after_seconds", majorityDecided,
          "majority_datapaths_started_after_seconds", firstStarted, "one_writer_gap_seconds", gap);
    }
  }

  /** 6. ovs-vswitchd of hv1 is killed and started again: its tables are empty until the controller restores them. */
  record OvsRestart() implements Scenario {
    public String name() {
      return "ovs-restart";
    }

    /** Only pings through hv1's VM are lost, while its OVS is down. */
    public boolean mayLosePings(String pair) {
      return pair.startsWith("vm1->") || pair.endsWith("->vm1");
    }

    public FaultOutcome inject(ChaosWorld world) throws Exception {
      Hypervisor hv = world.lab().hypervisor(1);
      String datapath = datapathOf(world, hv);
      LocalTime start = LocalTime.now();
      hv.killVswitchd();
      hv.startVswitchd();
      world.awaitConverged(Optional.empty());
      return new FaultOutcome(untilEveryDatapath(world, start, List.of(datapath), "master with term"),
          untilEveryDatapath(world, start, List.of(datapath), "converged"), Map.of("hypervisor", hv.name()));
    }
  }

  /** 7. A VM moves from hv1 to hv2 while the node mastering most datapaths is being killed. */
  record MigrateDuringFailover() implements Scenario {
    public String name() {
      return "migrate-during-failover";
    }

    /** The migrated VM is unreachable until its new hypervisor's datapath has a master again. */
    public boolean mayLosePings(String pair) {
      return pair.startsWith("vm1->") || pair.endsWith("->vm1");
    }

    /** The VM is plugged in and out on two hypervisors the other VMs' traffic also crosses. */
    public int isolatedLossesAllowed(String pair) {
      return 3;
    }

    public FaultOutcome inject(ChaosWorld world) throws Exception {
      Vm vm = world.vms().get(0);
      Hypervisor from = vm.hypervisor();
      Hypervisor to = world.lab().hypervisor(2);
      Map<String, Object> timeline = new LinkedHashMap<>();
      FaultOutcome failover = loseMasterNode(world, true, () -> {
        to.migrateHere(vm);
        timeline.put("moved_at", ChaosWorld.wallClock());
        vm.announce();
      });
      Await.until(ChaosWorld.CONVERGE, () -> world.vms().get(2).ping(vm.ip(), 1, 0.2, 1).received() == 1, vm.name() + " unreachable after the move");
      JsonNode port = ChaosWorld.api(world.liveNodes().get(0)).get("/ports/" + vm.ifaceId(), world.tenantToken()).json();
      if (!to.name().equals(port.path("binding").path("hostname").asText())) throw new IllegalStateException("the port was not bound to " + to.name() + ": " + port);
      timeline.put("moving_back_at", ChaosWorld.wallClock());
      from.migrateHere(vm); // back, so the next scenario finds the world as it was
      world.awaitConverged(Optional.empty());
      timeline.put("back_converged_at", ChaosWorld.wallClock());
      Map<String, Object> details = new LinkedHashMap<>(failover.details());
      details.putAll(timeline);
      details.put("migrated", vm.name() + " " + from.name() + " -> " + to.name());
      return new FaultOutcome(failover.remasterSecondsMax(), failover.reconcileSecondsMax(), details);
    }
  }

  /**
   * 5. Cassandra stopped for a while: writes answer 503 (the load retries them), reads of live
   * state and the data plane keep working, writes resume once it is back.
   */
  record CassandraOutage(Duration outage) implements Scenario {
    public String name() {
      return "cassandra-outage";
    }

    public FaultOutcome inject(ChaosWorld world) throws Exception {
      String someVmPort = world.vms().get(0).ifaceId();
      world.stack().stopCassandra();
      List<Integer> readStatuses = new ArrayList<>();
      List<Integer> writeStatuses = new ArrayList<>();
      long until = System.nanoTime() + outage.toNanos();
      while (System.nanoTime() < until) {
        BenchmarkApi api = ChaosWorld.api(world.liveNodes().get(0));
        readStatuses.add(api.get("/ports/" + someVmPort, world.tenantToken()).status());
        writeStatuses.add(api.post("/ports", world.tenantToken(), ChaosWorld.JSON.createObjectNode().put("network_id", world.networkId()).toString()).status());
        Thread.sleep(1000);
      }
      world.stack().startCassandra();
      world.awaitConverged(Optional.empty());
      for (LocalNode node : world.liveNodes()) node.awaitHealthy();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("outage_seconds", outage.toSeconds());
      details.put("reads_during_outage", readStatuses);
      details.put("direct_writes_during_outage", writeStatuses);
      return new FaultOutcome(0, 0, details);
    }
  }

  private static String datapathOf(ChaosWorld world, Hypervisor hv) throws Exception {
    for (JsonNode dp : world.datapaths()) if (hv.name().equals(dp.path("hostname").asText())) return dp.path("datapath_id").asText();
    throw new IllegalStateException("no datapath for " + hv.name());
  }
}
