package io.tenet.bench;

import java.time.Duration;
import java.util.Map;

/** One of the systems the side-by-side benchmark drives through the same workload. */
interface ComparedSystem extends AutoCloseable {
  /** A logical port its VM is plugged with: the iface-id and the addresses the VM takes. */
  record NewPort(String ifaceId, String mac, String ip) {}

  String name();

  /**
   * Creates a network (a logical switch) whose ports take addresses from {@code subnetPrefix}.0/24,
   * e.g. "10.3.0"; returns the handle {@link #createPort} takes.
   */
  String createNetwork(String name, String subnetPrefix) throws Exception;

  /** Creates a port of {@code network}, the way an operator of this system would. */
  NewPort createPort(String network, String name) throws Exception;

  /**
   * kill -9 of what a controller restart covers: Tenet's node; OVN's ovn-northd and every
   * ovn-controller. The databases (Cassandra; OVN's northbound and southbound) keep running.
   */
  void killController() throws Exception;

  /** Starts what {@link #killController} killed; returns once its processes run (Tenet: once the node is healthy). */
  void startController() throws Exception;

  /**
   * Returns once the controller itself says every hypervisor holds what it should (Tenet: every
   * datapath connected, mastered and converged; OVN: {@code ovn-nbctl --wait=hv sync}).
   */
  void awaitCaughtUp(Duration timeout) throws Exception;

  /** Name to pid of the processes that make up the controller, for their CPU and memory. */
  Map<String, Long> controllerPids();
}
