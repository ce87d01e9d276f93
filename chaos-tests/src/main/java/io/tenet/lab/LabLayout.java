package io.tenet.lab;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Every name and address of one lab, derived from a single number (1..253) so that claiming the
 * number claims them all: prefix {@code tlabNNN}, management network 172.30.NNN.0/24 and underlay
 * 172.31.NNN.0/24. Linux interface names stay within 15 characters.
 */
record LabLayout(int number) {
  static final int MIN_NUMBER = 1;
  static final int MAX_NUMBER = 253;
  static final int MAX_HYPERVISORS = 200;
  /** Controller addresses count down from .254, hypervisors count up from .1: they never meet. */
  static final int FIRST_CONTROLLER_HOST = 254;
  static final int LAST_CONTROLLER_HOST = MAX_HYPERVISORS + 1;
  static final int SUBNET_BITS = 24;
  static final Pattern PREFIX = Pattern.compile("tlab\\d{3}");
  /** A namespace or link a lab made: the prefix followed by a dash. */
  static final Pattern OWNED_NAME = Pattern.compile("(tlab\\d{3})-.*");

  /** Underlay links carry VXLAN: 1450 inner bytes + 50 of encapsulation must fit (see the lab notes). */
  static final int UNDERLAY_MTU = 1600;
  static final int VM_MTU = 1450;
  static final String HV_UNDERLAY_LINK = "underlay0";
  static final String HV_MANAGEMENT_LINK = "mgmt0";
  static final String CONTROLLER_LINK = "mgmt0";
  static final String UNDERLAY_BRIDGE_IN_HV = "br-phy";
  static final String VM_LINK = "eth0";
  /** The longest vswitchd accepts for its tunnel neighbour cache. */
  static final Duration UNDERLAY_NEIGHBOUR_AGING = Duration.ofHours(1);

  LabLayout {
    if (number < MIN_NUMBER || number > MAX_NUMBER) throw new IllegalArgumentException("lab number out of range: " + number);
  }

  static LabLayout ofPrefix(String prefix) {
    if (!PREFIX.matcher(prefix).matches()) throw new IllegalArgumentException("not a lab prefix: " + prefix);
    return new LabLayout(Integer.parseInt(prefix.substring(4)));
  }

  String prefix() {
    return String.format("tlab%03d", number);
  }

  String hypervisorNamespace(int hypervisor) {
    return prefix() + "-hv" + hypervisor;
  }

  String vmNamespace(String vmName) {
    return prefix() + "-vm-" + vmName;
  }

  String underlayBridge() {
    return prefix() + "-u";
  }

  String managementBridge() {
    return prefix() + "-m";
  }

  /** The root namespace end of a hypervisor's underlay veth (its other end is {@link #HV_UNDERLAY_LINK}). */
  String underlayVeth(int hypervisor) {
    return prefix() + "-u" + hypervisor;
  }

  String managementVeth(int hypervisor) {
    return prefix() + "-m" + hypervisor;
  }

  /** A controller node's own namespace, like a separate controller VM on the management network. */
  String controllerNamespace(int host) {
    return prefix() + "-ctl" + host;
  }

  /** The root namespace end of a controller namespace's veth; taking it down cuts the node off. */
  String controllerVeth(int host) {
    return prefix() + "-c" + host;
  }

  /** Locally administered, unique per lab and hypervisor: 02:74:6c ("tl"), lab number, 01, hypervisor. */
  String underlayMac(int hypervisor) {
    return String.format("02:74:6c:%02x:01:%02x", number, hypervisor);
  }

  /** The root namespace bridges': {@code which} 1 is the underlay, 2 the management bridge. */
  String rootBridgeMac(int which) {
    return String.format("02:74:6c:%02x:00:%02x", number, which);
  }

  String managementSubnet() {
    return "172.30." + number + ".0/" + SUBNET_BITS;
  }

  String underlaySubnet() {
    return "172.31." + number + ".0/" + SUBNET_BITS;
  }

  String managementIp(int host) {
    return "172.30." + number + "." + host;
  }

  String underlayIp(int host) {
    return "172.31." + number + "." + host;
  }
}
