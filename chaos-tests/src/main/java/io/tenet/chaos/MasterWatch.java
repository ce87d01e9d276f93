package io.tenet.chaos;

import io.tenet.lab.Hypervisor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches, as each switch sees it, which controller is MASTER: it reads every hypervisor's
 * Controller rows (target and role) a few times a second and keeps, per hypervisor, the most
 * masters seen at once, how often the master changed, and how many reads it made.
 */
final class MasterWatch implements AutoCloseable {
  static final long INTERVAL_MS = 200;

  record Seen(int mostMastersAtOnce, int masterChanges, int reads) {}

  private final List<Hypervisor> hypervisors;
  private final Map<String, AtomicInteger> mostMasters = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> changes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
  private final Map<String, String> lastMaster = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  private MasterWatch(List<Hypervisor> hypervisors) {
    this.hypervisors = List.copyOf(hypervisors);
    for (Hypervisor hv : hypervisors) {
      mostMasters.put(hv.name(), new AtomicInteger());
      changes.put(hv.name(), new AtomicInteger());
      reads.put(hv.name(), new AtomicInteger());
    }
    thread = new Thread(this::watch, "chaos-master-watch");
    thread.setDaemon(true);
  }

  static MasterWatch start(List<Hypervisor> hypervisors) {
    MasterWatch watch = new MasterWatch(hypervisors);
    watch.thread.start();
    return watch;
  }

  private void watch() {
    while (running.get()) {
      for (Hypervisor hv : hypervisors) {
        try {
          read(hv);
        } catch (RuntimeException busy) {
          // ovsdb-server did not answer this time (e.g. while vswitchd restarts): the next read counts
        }
      }
      try {
        Thread.sleep(INTERVAL_MS);
      } catch (InterruptedException stop) {
        return;
      }
    }
  }

  private void read(Hypervisor hv) {
    String rows = hv.vsctl("--timeout=5", "--format=csv", "--data=bare", "--no-headings", "--columns=target,role", "list", "Controller");
    List<String> masters = masters(rows);
    mostMasters.get(hv.name()).accumulateAndGet(masters.size(), Math::max);
    reads.get(hv.name()).incrementAndGet();
    if (masters.size() == 1) {
      String previous = lastMaster.put(hv.name(), masters.get(0));
      if (previous != null && !previous.equals(masters.get(0))) changes.get(hv.name()).incrementAndGet();
    }
  }

  /** The targets whose role is master, from {@code target,role} CSV rows. */
  static List<String> masters(String csvRows) {
    return csvRows.lines().map(String::trim).filter(l -> !l.isEmpty()).map(l -> l.split(",", -1))
        .filter(cells -> cells.length == 2 && cells[1].trim().equals("master")).map(cells -> cells[0].trim()).toList();
  }

  /** Stops watching; what was seen per hypervisor. */
  Map<String, Seen> stop() throws InterruptedException {
    running.set(false);
    thread.interrupt();
    thread.join(10_000);
    Map<String, Seen> seen = new LinkedHashMap<>();
    for (Hypervisor hv : hypervisors) {
      seen.put(hv.name(), new Seen(mostMasters.get(hv.name()).get(), changes.get(hv.name()).get(), reads.get(hv.name()).get()));
    }
    return seen;
  }

  @Override
  public void close() {
    running.set(false);
    thread.interrupt();
  }
}
