package io.tenet.topology.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricRegistryTest {
  @Test
  void countersWriteHelpTypeAndOneLinePerLabelCombination() {
    MetricRegistry registry = new MetricRegistry();
    Counter requests = registry.counter("tenet_requests_total", "Requests\\answered\nso far", "route");
    requests.inc("/v1/a");
    requests.inc("/v1/a");
    requests.add(0.5, "say \"hi\"\\\n");
    String text = registry.scrape();
    assertEquals("""
        # HELP tenet_requests_total Requests\\\\answered\\nso far
        # TYPE tenet_requests_total counter
        """, text.substring(0, text.indexOf("counter\n") + "counter\n".length()));
    assertEquals(true, text.contains("tenet_requests_total{route=\"/v1/a\"} 2\n"), text);
    assertEquals(true, text.contains("tenet_requests_total{route=\"say \\\"hi\\\"\\\\\\n\"} 0.5\n"), text);
    assertEquals(2.0, requests.value("/v1/a"));
  }

  @Test
  void histogramBucketsAreCumulativeAndEndInInfinity() {
    MetricRegistry registry = new MetricRegistry();
    Histogram latency = registry.histogram("tenet_latency_seconds", "Latency", List.of(0.1, 1.0), "route");
    latency.observe(0.05, "r");
    latency.observe(0.1, "r"); // a bound is inclusive
    latency.observe(0.5, "r");
    latency.observe(7, "r");
    assertEquals("""
        # HELP tenet_latency_seconds Latency
        # TYPE tenet_latency_seconds histogram
        tenet_latency_seconds_bucket{route="r",le="0.1"} 2
        tenet_latency_seconds_bucket{route="r",le="1"} 3
        tenet_latency_seconds_bucket{route="r",le="+Inf"} 4
        tenet_latency_seconds_sum{route="r"} 7.65
        tenet_latency_seconds_count{route="r"} 4
        """, registry.scrape());
    assertEquals(4, latency.count("r"));
  }

  @Test
  void gaugesAreReadWhenScrapedAndFamiliesComeSortedByName() {
    MetricRegistry registry = new MetricRegistry();
    Gauge members = registry.gauge("tenet_z_members", "Members", "status");
    Gauge connections = registry.gauge("tenet_a_connections", "Connections");
    int[] up = {1};
    members.source(() -> Map.of(List.of("up"), (double) up[0]));
    connections.sourceOfOne(() -> 3.0);
    up[0] = 2;
    assertEquals("""
        # HELP tenet_a_connections Connections
        # TYPE tenet_a_connections gauge
        tenet_a_connections 3
        # HELP tenet_z_members Members
        # TYPE tenet_z_members gauge
        tenet_z_members{status="up"} 2
        """, registry.scrape());
  }

  @Test
  void refusesWhatPrometheusCouldNotRead() {
    MetricRegistry registry = new MetricRegistry();
    assertThrows(IllegalArgumentException.class, () -> registry.counter("tenet-bad_total", "x"));
    assertThrows(IllegalArgumentException.class, () -> registry.counter("tenet_no_suffix", "x"));
    assertThrows(IllegalArgumentException.class, () -> registry.counter("tenet_ok_total", " "));
    assertThrows(IllegalArgumentException.class, () -> registry.histogram("tenet_h", "x", List.of(0.1), "le"));
    assertThrows(IllegalArgumentException.class, () -> registry.histogram("tenet_h", "x", List.of(1.0, 0.5)));
    assertThrows(IllegalArgumentException.class, () -> registry.gauge("tenet_g", "x", "__reserved"));
    registry.counter("tenet_once_total", "x", "a");
    assertThrows(IllegalArgumentException.class, () -> registry.counter("tenet_once_total", "x", "a"));
    Counter counter = registry.counter("tenet_labels_total", "x", "a", "b");
    assertThrows(IllegalArgumentException.class, () -> counter.inc("only-one"));
    assertThrows(IllegalArgumentException.class, () -> counter.add(-1, "a", "b"));
  }

  @Test
  void numbersArePrintedAsPrometheusReadsThem() {
    assertEquals("3", TextExposition.number(3.0));
    assertEquals("0.25", TextExposition.number(0.25));
    assertEquals("+Inf", TextExposition.number(Double.POSITIVE_INFINITY));
    assertEquals("NaN", TextExposition.number(Double.NaN));
    assertEquals("1.0E20", TextExposition.number(1e20));
  }

  @Test
  void entityTypeNamesBecomeSnakeCaseLabels() {
    assertEquals("security_group", EntityTypeLabel.of("SecurityGroup"));
    assertEquals("port", EntityTypeLabel.of("Port"));
    assertEquals("weakly_up", EntityTypeLabel.of("WeaklyUp"));
  }
}
