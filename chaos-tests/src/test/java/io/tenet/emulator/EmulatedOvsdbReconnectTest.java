package io.tenet.emulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Like OVS, an emulated hypervisor keeps trying a manager it could not reach, and reaches it once it listens. */
class EmulatedOvsdbReconnectTest {
  @Test
  void aRefusedManagerIsTriedAgain() throws Exception {
    NioEventLoopGroup loop = new NioEventLoopGroup(1);
    EmulatedHypervisor hv = new EmulatedHypervisor("emu-reconnect", 0x00e0000000000009L, "10.200.0.9", List.of(), loop);
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    try {
      hv.connect(List.of(new InetSocketAddress("127.0.0.1", port))); // nothing listens yet: refused
      Thread.sleep(1500);
      try (ServerSocket manager = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        manager.setSoTimeout(10_000);
        try (Socket accepted = manager.accept()) {
          assertTrue(accepted.isConnected());
        }
      }
    } finally {
      hv.close();
      loop.shutdownGracefully();
    }
  }
}
