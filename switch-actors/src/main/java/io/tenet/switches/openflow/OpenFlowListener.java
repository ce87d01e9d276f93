package io.tenet.switches.openflow;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Accepts OpenFlow connections from switches (OVS connects to us: {@code set-controller tcp:host:port}).
 * Each connection gets its own pipeline and {@link SwitchConnection}; a bad connection is closed
 * alone. Closing the listener closes every connection; OVS in fail-mode secure keeps its flows.
 */
public final class OpenFlowListener implements AutoCloseable {
  /** Same as OVS's own inactivity probe: echo after 5 s of silence, give up 5 s later. */
  static final int IDLE_SECONDS = 5;

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel server;

  private OpenFlowListener(EventLoopGroup boss, EventLoopGroup workers, Channel server) {
    this.boss = boss;
    this.workers = workers;
    this.server = server;
  }

  /**
   * Binds host:port (port 0: any free port, see {@link #port()}). {@code initialGeneration} goes
   * into each connection's first ROLE_REQUEST SLAVE; it must not be older than the last
   * generation the switch accepted, or the switch leaves that connection EQUAL.
   */
  public static OpenFlowListener start(String host, int port, SwitchListener listener, long initialGeneration) throws InterruptedException {
    EventLoopGroup boss = new NioEventLoopGroup(1);
    EventLoopGroup workers = new NioEventLoopGroup();
    try {
      Channel server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
          // small request/reply messages: do not let Nagle hold one back waiting for an ACK
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline()
                  .addLast("frames", OpenFlowDecoder.frames())
                  .addLast("decoder", new OpenFlowDecoder())
                  .addLast("encoder", new OpenFlowEncoder())
                  .addLast("idle", new IdleStateHandler(IDLE_SECONDS, 0, 0, TimeUnit.SECONDS))
                  .addLast("switch", new SwitchConnection(listener, initialGeneration));
            }
          })
          .bind(host, port).sync().channel();
      return new OpenFlowListener(boss, workers, server);
    } catch (InterruptedException | RuntimeException failed) {
      boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw failed;
    }
  }

  public static OpenFlowListener start(String host, int port, SwitchListener listener) throws InterruptedException {
    return start(host, port, listener, 0);
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    // shutting the workers down closes every switch connection (each listener hears disconnected)
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
