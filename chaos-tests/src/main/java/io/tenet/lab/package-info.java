/**
 * A lab of several Open vSwitch "hypervisors" on one machine, for end-to-end tests and benchmarks
 * of a Tenet controller running in the root namespace. Needs root, {@code openvswitch-switch},
 * {@code iproute2}, {@code ethtool}, {@code tcpdump}, {@code iputils-ping} and {@code busybox}.
 *
 * <pre>{@code
 * try (OvsLab lab = OvsLab.start(3)) {
 *   lab.connectTo(lab.controllerAddress(), 6640);       // what an operator does on each hypervisor
 *   // ... the controller creates br-int and its tunnel port on every hypervisor ...
 *   Vm vm1 = lab.hypervisor(1).plugVm("vm1", "fa:16:3e:00:00:01", portId, "10.0.0.5/24");
 *   PingResult ping = vm1.ping("10.0.0.6", 5, 0.2, 10);
 * }
 * }</pre>
 *
 * <p>Layout and names: see {@link io.tenet.lab.OvsLab}. Each lab claims a number N (1..253) under
 * /tmp/tenet-labs/tlabNNN, which gives it the management network 172.30.N.0/24, the underlay
 * 172.31.N.0/24 and the prefix of every namespace and root namespace link it makes; numbers whose
 * networks overlap an address or route of the host are skipped. {@link io.tenet.lab.OvsLab#close()}
 * and the sweep of labs whose JVM died remove all of it, processes by PID.
 *
 * <p>Its integration tests are {@code *IT} classes, run by failsafe in {@code verify}:
 * {@code mvn -B -o -pl chaos-tests verify -Dit.test='io.tenet.lab.*IT' -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
package io.tenet.lab;
