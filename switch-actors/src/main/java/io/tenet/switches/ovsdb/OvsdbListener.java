package io.tenet.switches.ovsdb;

import io.netty.handler.codec.json.JsonObjectDecoder;
import io.tenet.switches.net.TcpServer;

/**
 * Accepts ovsdb-server connections: a hypervisor's {@code ovs-vsctl set-manager tcp:host:6640}
 * makes its ovsdb-server connect to us (only if it runs with
 * {@code --remote=db:Open_vSwitch,Open_vSwitch,manager_options}). It sends nothing until we ask.
 * Each connection gets its own {@link OvsdbConnection}; closing the listener closes them all.
 */
public final class OvsdbListener implements AutoCloseable {
  /** OVSDB sends JSON values back to back with no delimiter; the initial monitor reply of a big hypervisor can be megabytes. */
  static final int MAX_MESSAGE_BYTES = 64 << 20;

  private final TcpServer server;

  private OvsdbListener(TcpServer server) {
    this.server = server;
  }

  /** Binds host:port (port 0: any free port, see {@link #port()}). */
  public static OvsdbListener start(String host, int port, OvsdbConnectionListener listener) throws InterruptedException {
    // JsonObjectDecoder cuts one top-level value at a time, minding braces inside strings
    return new OvsdbListener(TcpServer.start(host, port, pipeline -> pipeline
        .addLast("frames", new JsonObjectDecoder(MAX_MESSAGE_BYTES))
        .addLast("ovsdb", new OvsdbConnection(listener))));
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
