package io.tenet.switches.ovsdb;

/** Told when an ovsdb-server connected to us as its manager, and when it is gone. Called on Netty's event loop: do not block. */
public interface OvsdbConnectionListener {
  void connected(OvsdbConnection connection);

  void disconnected(OvsdbConnection connection);
}
