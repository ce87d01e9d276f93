package io.tenet.switches.openflow;

import io.netty.handler.timeout.IdleStateHandler;
import io.tenet.switches.net.TcpServer;
import java.util.concurrent.TimeUnit;

/**
 * Accepts OpenFlow connections from switches (OVS connects to us: {@code set-controller tcp:host:port}).
 * Each connection gets its own pipeline and {@link SwitchConnection}; a bad connection is closed
 * alone. Closing the listener closes every connection; OVS in fail-mode secure keeps its flows.
 */
public final class OpenFlowListener implements AutoCloseable {
  /** Same as OVS's own inactivity probe: echo after 5 s of silence, give up 5 s later. */
  static final int IDLE_SECONDS = 5;

  private final TcpServer server;

  private OpenFlowListener(TcpServer server) {
    this.server = server;
  }

  /**
   * Binds host:port (port 0: any free port, see {@link #port()}). {@code initialGeneration} goes
   * into each connection's first ROLE_REQUEST SLAVE; it must not be older than the last
   * generation the switch accepted, or the switch leaves that connection EQUAL.
   */
  public static OpenFlowListener start(String host, int port, SwitchListener listener, long initialGeneration) throws InterruptedException {
    return start(host, port, listener, initialGeneration, OpenFlowCounters.NONE);
  }

  /** As above; every connection reports the mods and barriers it sends to {@code counters}. */
  public static OpenFlowListener start(String host, int port, SwitchListener listener, long initialGeneration, OpenFlowCounters counters)
      throws InterruptedException {
    return new OpenFlowListener(TcpServer.start(host, port, pipeline -> pipeline
        .addLast("frames", OpenFlowDecoder.frames())
        .addLast("decoder", new OpenFlowDecoder())
        .addLast("encoder", new OpenFlowEncoder())
        .addLast("idle", new IdleStateHandler(IDLE_SECONDS, 0, 0, TimeUnit.SECONDS))
        .addLast("switch", new SwitchConnection(listener, initialGeneration, counters))));
  }

  public static OpenFlowListener start(String host, int port, SwitchListener listener) throws InterruptedException {
    return start(host, port, listener, 0);
  }

  public int port() {
    return server.port();
  }

  /** Also closes every switch connection (each listener hears disconnected). */
  @Override
  public void close() {
    server.close();
  }
}
