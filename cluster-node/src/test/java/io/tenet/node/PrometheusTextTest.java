package io.tenet.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test's own format reader must refuse what Prometheus refuses, or MetricsIT would prove nothing. */
class PrometheusTextTest {
  static final String GOOD = """
      # HELP req_total Requests with "quotes" and a \\\\ backslash\\nand a newline
      # TYPE req_total counter
      req_total{route="/v1/ports/{id}",path="a\\"b\\\\c\\nd"} 3
      req_total{route="/x",path=""} 1e3 1700000000000
      # a free comment
      # TYPE lat_seconds histogram
      lat_seconds_bucket{le="0.1"} 1
      lat_seconds_bucket{le="+Inf"} 2
      lat_seconds_sum 0.35
      lat_seconds_count 2
      # TYPE up gauge
      up NaN
      """;

  @Test
  void readsFamiliesLabelsEscapesAndValues() {
    PrometheusText scrape = PrometheusText.parse(GOOD);
    assertEquals("Requests with \"quotes\" and a \\ backslash\nand a newline", scrape.family("req_total").help());
    assertEquals(3.0, scrape.value("req_total", Map.of("route", "/v1/ports/{id}", "path", "a\"b\\c\nd")));
    assertEquals(1000.0, scrape.value("req_total", Map.of("route", "/x", "path", "")));
    assertEquals("histogram", scrape.family("lat_seconds").type());
    assertEquals(2.0, scrape.value("lat_seconds_count", Map.of()));
  }

  @Test
  void refusesWhatPrometheusWouldRefuse() {
    refuses("# TYPE a counter\na 1");                                  // no final newline
    refuses("# TYPE a counter\na{x=\"1\"} one\n");                     // not a number
    refuses("# TYPE a counter\na{x=1} 1\n");                            // unquoted value
    refuses("# TYPE a counter\na{x=\"\\t\"} 1\n");                      // bad escape
    refuses("# TYPE a counter\na{x=\"1\",x=\"2\"} 1\n");                // label twice
    refuses("# TYPE a counter\na{1x=\"1\"} 1\n");                       // bad label name
    refuses("# TYPE a counter\na 1\na 2\n");                            // duplicate series
    refuses("# TYPE a counter\n# TYPE a counter\na 1\n");               // second TYPE
    refuses("# TYPE a cheese\na 1\n");                                  // unknown type
    refuses("# TYPE a counter\nb 1\n");                                 // sample outside its family
    refuses("b 1\n");                                                   // no TYPE at all
    refuses("# TYPE a counter\na -1\n");                                // negative counter
    refuses("# HELP a x\n");                                            // HELP without TYPE
    refuses("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n");                              // no +Inf
    refuses("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n");     // not cumulative
    refuses("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 1\n");                           // +Inf differs from count
    refuses("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n");                                    // no sum
  }

  static void refuses(String text) {
    assertThrows(PrometheusText.FormatException.class, () -> PrometheusText.parse(text), text);
  }
}
