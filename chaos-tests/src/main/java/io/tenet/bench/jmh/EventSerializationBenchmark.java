package io.tenet.bench.jmh;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tenet.switches.datapath.DatapathEntity;
import io.tenet.topology.model.AddressReservation;
import io.tenet.topology.model.DataplaneMember;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.model.Origin;
import io.tenet.topology.model.PortBinding;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.network.NetworkEntity;
import io.tenet.topology.port.PortEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Events and messages through the serializer the journal and the cluster use (Jackson JSON, as
 * bound in the node's configuration), written and read back: a port's first event, a network's
 * address reservation, and the view a network sends its datapaths, whose size grows with
 * {@code members}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EventSerializationBenchmark {
  private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
  private static final Origin ORIGIN = new Origin("tenant:bench", "request-1");

  private ActorSystem<Void> system;
  private Serialization serialization;
  private Object portRequested;
  private Object addressesReserved;

  /** The view of a network with {@code members} ports on 50 hypervisors, as it is sent to each of them. */
  @State(Scope.Benchmark)
  public static class View {
    @Param({"10", "100", "1000"})
    public int members;

    Object networkChanged;

    @Setup
    public void build() {
      List<DataplaneMember> all = new ArrayList<>();
      for (int i = 0; i < members; i++) {
        all.add(new DataplaneMember("port-" + i, String.format("fa:16:3e:00:%02x:%02x", i >> 8 & 0xff, i & 0xff), List.of("10.0." + (i >> 8) + "." + (i & 0xff)),
            true, new PortBinding(String.format("%016x", i % 50 + 1), "hv" + (i % 50), "192.168.0." + (i % 50 + 1), 10 + i)));
      }
      networkChanged = new DatapathEntity.NetworkChanged(new NetworkDataplane("net-1", 4096, 1450, List.of(), all, 42));
    }
  }

  @Setup
  public void start() {
    // any free port and no JVM exit when it stops: bench jmh --smoke runs several in one JVM
    Config config = ConfigFactory.parseString("pekko.remote.artery.canonical.port = 0\npekko.coordinated-shutdown.exit-jvm = off")
        .withFallback(ConfigFactory.load());
    system = ActorSystem.create(Behaviors.empty(), "serialization-benchmark", config);
    serialization = SerializationExtension.get(system.classicSystem());
    PortSpec spec = new PortSpec("net-1", "web", null, null, List.of("sg-1"), true, true, "compute:nova", "vm-1");
    portRequested = new PortEntity.PortRequested("port-1", "tenant-1", spec, AT, ORIGIN);
    addressesReserved = new NetworkEntity.AddressesReserved(new AddressReservation("port-1", "fa:16:3e:00:00:01", List.of(new FixedIp("subnet-1", "10.0.0.5"))),
        true, ORIGIN);
  }

  @TearDown
  public void stop() {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
  }

  private Object roundTrip(Object value) {
    Serializer serializer = serialization.findSerializerFor(value);
    byte[] bytes = serializer.toBinary(value);
    return serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, value)).get();
  }

  @Benchmark
  public Object portRequested() {
    return roundTrip(portRequested);
  }

  @Benchmark
  public Object addressesReserved() {
    return roundTrip(addressesReserved);
  }

  @Benchmark
  public Object networkViewToADatapath(View view) {
    return roundTrip(view.networkChanged);
  }
}
