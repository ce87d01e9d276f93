package io.tenet.switches.ovsdb;

/**
 * Told when an Interface with {@code external_ids:iface-id} has an OpenFlow port (bound), and when
 * it lost it or was removed (unbound, with what was bound). A change of ofport, iface-id or mac is
 * unbound(old) then bound(new). Called on Netty's event loop: do not block.
 */
public interface BindingListener {
  void bound(InterfaceBinding binding);

  void unbound(InterfaceBinding binding);

  /** After every monitor update (the initial contents included), once {@link OvsdbConnection#cache()} holds it. */
  default void updated(OvsdbConnection connection) {}
}
