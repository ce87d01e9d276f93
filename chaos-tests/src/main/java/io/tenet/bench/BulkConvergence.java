package io.tenet.bench;

import io.tenet.lab.OvsLab;
import io.tenet.lab.Vm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Bulk convergence, the same for both systems: N networks of M ports are created at once
 * ({@value #CLIENTS} callers), their VMs plugged on the hypervisors network by network, and the
 * clock stops when every VM's ping to its neighbour (the next VM of its network, on another
 * hypervisor) has been answered. A network's VMs ping as soon as they are all plugged, while the
 * next network is plugged. Plugging is the lab's own cost; what follows the last plug is the
 * controller's (and the last pings').
 */
final class BulkConvergence {
  static final int CLIENTS = 8;
  /** Pings run by this many threads at once, from the moment a network's VMs are plugged. */
  static final int CHECKERS = 8;

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
    ExecutorService checkers = Executors.newFixedThreadPool(CHECKERS);
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

      // each network's VMs are checked as soon as they are all plugged, while the next ones are plugged
      List<Network> networks = new ArrayList<>();
      List<Future<Long>> answered = new ArrayList<>();
      long deadline = start + timeout.toNanos();
      for (int n = 0; n < networkCount; n++) {
        List<Vm> vms = new ArrayList<>();
        for (int p = 0; p < portsPerNetwork; p++) {
          ComparedSystem.NewPort port = ports.get(vmName(n, p));
          // consecutive VMs of a network sit on different hypervisors
          vms.add(lab.hypervisor((n + p) % lab.hypervisors().size() + 1).plugVm(vmName(n, p), port.mac(), port.ifaceId(), port.ip() + "/24"));
        }
        Network network = new Network(List.copyOf(vms));
        networks.add(network);
        for (Pair pair : pairs(network)) answered.add(checkers.submit(() -> firstAnswer(pair, deadline, system.name())));
      }
      double plugged = secondsSince(start);
      SideBySideBenchmark.log(system.name() + ": " + networkCount * portsPerNetwork + " ports created after " + created + " s, plugged after " + plugged + " s");

      long last = start;
      for (Future<Long> answer : answered) last = Math.max(last, answer.get());
      double converged = Math.round((last - start) / 1e7) / 100.0;
      return new Outcome(new Result(networkCount, portsPerNetwork, created, plugged, converged, ControllerUsage.since(usage, system)), networks);
    } finally {
      clients.shutdownNow();
      checkers.shutdownNow();
    }
  }

  static String vmName(int network, int port) {
    return "b" + network + "-" + port;
  }

  private static List<Pair> pairs(Network network) {
    List<Vm> vms = network.vms();
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < vms.size(); i++) pairs.add(new Pair(vms.get(i), vms.get((i + 1) % vms.size())));
    return pairs;
  }

  /** Pings until the first answer (each try waits up to a second); returns when it came, in System.nanoTime. */
  private static long firstAnswer(Pair pair, long deadline, String system) {
    while (pair.from().ping(pair.to().ip(), 1, 0.2, 1).received() == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(system + ": " + pair.from().name() + " got no answer from its neighbour " + pair.to().ip() + " in time");
      }
    }
    return System.nanoTime();
  }

  static double secondsSince(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
  }
}
