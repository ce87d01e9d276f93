package io.tenet.bench;

import io.tenet.lab.OvsLab;
import io.tenet.lab.Vm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Bulk convergence, the same for both systems: N networks of M ports are created at once
 * ({@value #CLIENTS} callers), their VMs plugged on the hypervisors in turn, and the clock stops
 * when every VM's ping to its neighbour (the next VM of its network, on another hypervisor) has
 * been answered. Plugging is the lab's own cost; what follows the last plug is the controller's.
 */
final class BulkConvergence {
  static final int CLIENTS = 8;

  /** Seconds from the start until every create call had returned, every VM was plugged, every VM's ping was answered. */
  record Result(int networks, int portsPerNetwork, double createdSeconds, double pluggedSeconds, double convergedSeconds, ControllerUsage usage) {
    double afterPlugSeconds() {
      return Math.round((convergedSeconds - pluggedSeconds) * 100) / 100.0;
    }
  }

  /** The VMs of one network in ring order: each pings the next, the last the first. */
  record Network(List<Vm> vms) {}

  record Outcome(Result result, List<Network> networks) {}

  private record Pair(Vm from, Vm to) {}

  private BulkConvergence() {}

  static Outcome run(ComparedSystem system, OvsLab lab, int networkCount, int portsPerNetwork, Duration timeout) throws Exception {
    ControllerUsage.Start usage = ControllerUsage.start(system);
    long start = System.nanoTime();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<String>> networkCalls = new ArrayList<>();
      for (int n = 0; n < networkCount; n++) {
        int index = n;
        networkCalls.add(clients.submit(() -> system.createNetwork("bulk" + index, "10.61." + index)));
      }
      Map<String, Future<ComparedSystem.NewPort>> portCalls = new java.util.LinkedHashMap<>();
      for (int n = 0; n < networkCount; n++) {
        String network = networkCalls.get(n).get();
        for (int p = 0; p < portsPerNetwork; p++) {
          String name = vmName(n, p);
          portCalls.put(name, clients.submit(() -> system.createPort(network, name)));
        }
      }
      Map<String, ComparedSystem.NewPort> ports = new HashMap<>();
      for (Map.Entry<String, Future<ComparedSystem.NewPort>> call : portCalls.entrySet()) ports.put(call.getKey(), call.getValue().get());
      double created = secondsSince(start);

      List<Network> networks = new ArrayList<>();
      for (int n = 0; n < networkCount; n++) {
        List<Vm> vms = new ArrayList<>();
        for (int p = 0; p < portsPerNetwork; p++) {
          ComparedSystem.NewPort port = ports.get(vmName(n, p));
          // consecutive VMs of a network sit on different hypervisors
          vms.add(lab.hypervisor((n + p) % lab.hypervisors().size() + 1).plugVm(vmName(n, p), port.mac(), port.ifaceId(), port.ip() + "/24"));
        }
        networks.add(new Network(List.copyOf(vms)));
      }
      double plugged = secondsSince(start);
      log(system.name() + ": " + networkCount * portsPerNetwork + " ports created after " + created + " s, plugged after " + plugged + " s");

      awaitEveryNeighbourAnswers(clients, pairs(networks), start, timeout, system.name());
      double converged = secondsSince(start);
      return new Outcome(new Result(networkCount, portsPerNetwork, created, plugged, converged, ControllerUsage.since(usage, system)), networks);
    } finally {
      clients.shutdownNow();
    }
  }

  static String vmName(int network, int port) {
    return "b" + network + "-" + port;
  }

  private static List<Pair> pairs(List<Network> networks) {
    List<Pair> pairs = new ArrayList<>();
    for (Network network : networks) {
      List<Vm> vms = network.vms();
      for (int i = 0; i < vms.size(); i++) pairs.add(new Pair(vms.get(i), vms.get((i + 1) % vms.size())));
    }
    return pairs;
  }

  /** Rounds of one ping per unanswered pair, until none is left. */
  private static void awaitEveryNeighbourAnswers(ExecutorService clients, List<Pair> pairs, long start, Duration timeout, String system)
      throws InterruptedException, ExecutionException {
    List<Pair> unanswered = new ArrayList<>(pairs);
    long deadline = start + timeout.toNanos();
    while (!unanswered.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(system + ": " + unanswered.size() + " of " + pairs.size() + " VMs got no answer from their neighbour within "
            + timeout.toSeconds() + " s, e.g. " + unanswered.get(0).from().name() + " -> " + unanswered.get(0).to().ip());
      }
      List<Future<Boolean>> answers = new ArrayList<>();
      for (Pair pair : unanswered) answers.add(clients.submit(() -> pair.from().ping(pair.to().ip(), 1, 0.2, 1).received() > 0));
      List<Pair> still = new ArrayList<>();
      for (int i = 0; i < answers.size(); i++) {
        if (!answers.get(i).get()) still.add(unanswered.get(i));
      }
      unanswered = still;
    }
  }

  static double secondsSince(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
  }

  private static void log(String message) {
    System.out.println("[ovn-compare] " + message);
  }
}
