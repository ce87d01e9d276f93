package io.tenet.api.console;

import io.tenet.topology.cluster.ClusterStatus;
import io.tenet.topology.dataplane.DatapathStatus;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.PortView;
import io.tenet.topology.model.RouterView;
import io.tenet.topology.model.SecurityGroupView;
import io.tenet.topology.model.TenantView;
import java.util.List;

/**
 * Everything the admin console shows, read at one moment. A part that could not be read in time
 * is null (a node being replaced can hold some entities back for seconds); {@link #filledFrom}
 * then keeps the last known value, so a slow read never looks like everything was deleted.
 */
public record ConsoleSnapshot(
    ClusterStatus cluster,
    List<DatapathStatus> datapaths,
    List<TenantView> tenants,
    List<NetworkView> networks,
    List<PortView> ports,
    List<RouterView> routers,
    List<SecurityGroupView> securityGroups) {

  /** This snapshot with every unread part taken from {@code previous} (which may be null). */
  public ConsoleSnapshot filledFrom(ConsoleSnapshot previous) {
    if (previous == null) return this;
    return new ConsoleSnapshot(
        cluster != null ? cluster : previous.cluster,
        datapaths != null ? datapaths : previous.datapaths,
        tenants != null ? tenants : previous.tenants,
        networks != null ? networks : previous.networks,
        ports != null ? ports : previous.ports,
        routers != null ? routers : previous.routers,
        securityGroups != null ? securityGroups : previous.securityGroups);
  }
}
