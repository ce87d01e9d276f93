package io.tenet.switches.compile;

/** The compile tests' sample datapaths for tests in other packages (the tests themselves are package-private). */
public final class SampleViews {
  private SampleViews() {}

  /** hv1: a1 (net-a, VNI 0x1000, ofport 2), b1 (net-b, VNI 0x1001, ofport 3), tunnel on ofport 1. */
  public static final DatapathView HV1 = FlowCompilerTest.HV1;

  /** {@link RoutingFlowsTest}'s hv1: a1 and c1 of two tenants, router r1 joining net-a and net-b, a static route. */
  public static final DatapathView ROUTER_HV1 = RoutingFlowsTest.HV1;

  /** {@link AddressPairFlowsTest}'s hv1: a1 with a VIP and a CIDR pair with its own MAC. */
  public static final DatapathView ADDRESS_PAIRS_HV1 = AddressPairFlowsTest.HV1;

  /** {@link AclFlowsTest}'s hv1: two ports filtered by security groups, one rule naming a remote group. */
  public static final DatapathView SECURITY_GROUPS_HV1 = AclFlowsTest.HV1;

  /** {@link GatewayFlowsTest}'s hvgw: router r1's external gateway with source NAT, a flat external network on patch port 5. */
  public static final DatapathView GATEWAY_HV = GatewayFlowsTest.HVGW_VIEW;

  /** The same gateway with its external network on VLAN 100 (tags popped and pushed). */
  public static final DatapathView GATEWAY_VLAN_HV = GatewayFlowsTest.HVGW_VLAN_VIEW;

  /** {@link GatewayFlowsTest}'s hv1: a1, whose router's gateway is on hvgw. */
  public static final DatapathView GATEWAY_SENDER_HV1 = GatewayFlowsTest.HV1_VIEW;

  /** A standby host of a gateway: fast-failover gate and exit groups watching a peer tunnel port, an always-live bucket. */
  public static final DatapathView GATEWAY_STANDBY_HV = GatewayFlowsTest.standbyHv(true);
}
