package io.tenet.switches.compile;

/** {@link FlowCompilerTest}'s sample datapaths for tests in other packages (FlowCompilerTest itself is package-private). */
public final class SampleViews {
  private SampleViews() {}

  /** hv1: a1 (net-a, VNI 0x1000, ofport 2), b1 (net-b, VNI 0x1001, ofport 3), tunnel on ofport 1. */
  public static final DatapathView HV1 = FlowCompilerTest.HV1;
}
