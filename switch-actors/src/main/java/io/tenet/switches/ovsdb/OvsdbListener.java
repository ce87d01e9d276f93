package io.tenet.switches.ovsdb;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.json.JsonObjectDecoder;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Accepts ovsdb-server connections: a hypervisor's {@code ovs-vsctl set-manager tcp:host:6640}
 * makes its ovsdb-server connect to us (only if it runs with
 * {@code --remote=db:Open_vSwitch,Open_vSwitch,manager_options}). It sends nothing until we ask.
 * Each connection gets its own {@link OvsdbConnection}; closing the listener closes them all.
 */
public final class OvsdbListener implements AutoCloseable {
  /** OVSDB sends JSON values back to back with no delimiter; the initial monitor reply of a big hypervisor can be megabytes. */
  static final int MAX_MESSAGE_BYTES = 64 << 20;

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel server;

  private OvsdbListener(EventLoopGroup boss, EventLoopGroup workers, Channel server) {
    this.boss = boss;
    this.workers = workers;
    this.server = server;
  }

  /** Binds host:port (port 0: any free port, see {@link #port()}). */
  public static OvsdbListener start(String host, int port, OvsdbConnectionListener listener) throws InterruptedException {
    EventLoopGroup boss = new NioEventLoopGroup(1);
    EventLoopGroup workers = new NioEventLoopGroup();
    try {
      Channel server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              // JsonObjectDecoder cuts one top-level value at a time, minding braces inside strings
              ch.pipeline().addLast("frames", new JsonObjectDecoder(MAX_MESSAGE_BYTES)).addLast("ovsdb", new OvsdbConnection(listener));
            }
          })
          .bind(host, port).sync().channel();
      return new OvsdbListener(boss, workers, server);
    } catch (InterruptedException | RuntimeException failed) {
      boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw failed;
    }
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
