package io.tenet.emulator;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A fleet of emulated hypervisors for one controller, in this JVM: each speaks OVSDB to the
 * controller's manager port and OpenFlow 1.3 from its switch, like an OVS whose manager is the
 * controller, and keeps the flows and groups it is sent. Lets a benchmark connect thousands of
 * datapaths and bind ports on them where real OVS in namespaces stops at a few.
 */
public final class SwitchEmulator implements AutoCloseable {
  /** Datapath ids of the fleet start here (visibly not an OVS-made id). */
  static final long FIRST_DATAPATH_ID = 0x00e0_0000_0000_0000L;

  private final EventLoopGroup loop;
  private final List<EmulatedHypervisor> hypervisors = new ArrayList<>();

  private SwitchEmulator(int threads) {
    this.loop = new NioEventLoopGroup(threads);
  }

  /**
   * {@code count} hypervisors named emu-0001..., encap IPs 10.200.x.y, each with br-int already
   * pointing at {@code openflowTarget} (the target the controller gives by default, so it need
   * not write anything), connected to the controller's OVSDB port at {@code ovsdb}.
   */
  public static SwitchEmulator start(int count, InetSocketAddress ovsdb, String openflowTarget, int threads) {
    return start(count, List.of(ovsdb), List.of(openflowTarget), threads);
  }

  /** The same for a cluster: each hypervisor is managed by every node and its br-int starts with every node's OpenFlow target. */
  public static SwitchEmulator start(int count, List<InetSocketAddress> ovsdb, List<String> openflowTargets, int threads) {
    SwitchEmulator emulator = new SwitchEmulator(threads);
    for (int i = 1; i <= count; i++) {
      EmulatedHypervisor hv = new EmulatedHypervisor(String.format("emu-%04d", i), FIRST_DATAPATH_ID + i, "10.200." + (i / 250) + "." + (i % 250 + 1),
          openflowTargets, emulator.loop);
      emulator.hypervisors.add(hv);
      hv.connect(ovsdb);
    }
    return emulator;
  }

  public List<EmulatedHypervisor> hypervisors() {
    return List.copyOf(hypervisors);
  }

  public EmulatedHypervisor hypervisor(int index) {
    return hypervisors.get(index);
  }

  public long openFlowConnected() {
    return hypervisors.stream().filter(EmulatedHypervisor::openFlowConnected).count();
  }

  /** Hypervisors whose switch has a live connection holding the MASTER role. */
  public long withLiveMaster() {
    return hypervisors.stream().filter(EmulatedHypervisor::hasLiveMaster).count();
  }

  public long flowsHeld() {
    return hypervisors.stream().mapToLong(EmulatedHypervisor::flowCount).sum();
  }

  public long flowModsApplied() {
    return hypervisors.stream().mapToLong(EmulatedHypervisor::flowModsApplied).sum();
  }

  @Override
  public void close() {
    hypervisors.forEach(EmulatedHypervisor::close);
    loop.shutdownGracefully(0, Duration.ofSeconds(2).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }
}
