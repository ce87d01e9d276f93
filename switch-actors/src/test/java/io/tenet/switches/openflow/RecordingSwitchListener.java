package io.tenet.switches.openflow;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.projectfloodlight.openflow.protocol.OFPortStatus;

/** A listener for tests against one switch: its first connection, that connection's end, a demotion, and the port changes it heard. */
public final class RecordingSwitchListener implements SwitchListener {
  public final CompletableFuture<SwitchConnection> connected = new CompletableFuture<>();
  public final CompletableFuture<SwitchConnection> disconnected = new CompletableFuture<>();
  public final CompletableFuture<RoleStatus> demoted = new CompletableFuture<>();
  public final BlockingQueue<OFPortStatus> portStatus = new LinkedBlockingQueue<>();

  @Override
  public void connected(SwitchConnection connection) {
    connected.complete(connection);
  }

  @Override
  public void disconnected(SwitchConnection connection) {
    disconnected.complete(connection);
  }

  @Override
  public void roleChanged(SwitchConnection connection, RoleStatus status) {
    demoted.complete(status);
  }

  @Override
  public void portStatus(SwitchConnection connection, OFPortStatus status) {
    portStatus.add(status);
  }
}
