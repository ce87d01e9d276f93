package io.tenet.bench;

import java.util.Map;

/** One of the systems the side-by-side benchmark drives through the same workload. */
interface ComparedSystem extends AutoCloseable {
  /** A logical port its VM is plugged with: the iface-id and the addresses the VM takes. */
  record NewPort(String ifaceId, String mac, String ip) {}

  String name();

  /** Creates a port of the benchmark's network, the way an operator of this system would. */
  NewPort createPort(String name) throws Exception;

  /** Name to pid of the processes that make up the controller, for their CPU and memory. */
  Map<String, Long> controllerPids();
}
