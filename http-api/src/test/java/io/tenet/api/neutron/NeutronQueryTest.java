package io.tenet.api.neutron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NeutronQueryTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String URL = "http://127.0.0.1:9696/v2.0/ports";

  static ObjectNode port(String id, String name, boolean up, String ip) {
    ObjectNode port = JSON.createObjectNode().put("id", id).put("name", name).put("admin_state_up", up);
    port.putArray("fixed_ips").addObject().put("subnet_id", "s1").put("ip_address", ip);
    port.putNull("device_id");
    return port;
  }

  static final List<ObjectNode> PORTS = List.of(port("c", "vm", true, "10.0.0.3"), port("a", "vm", false, "10.0.0.4"),
      port("b", "db", true, "10.0.0.5"), port("d", "web", true, "10.0.0.6"));

  static NeutronQuery query(String... pairs) {
    List<Map.Entry<String, String>> parameters = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) parameters.add(Map.entry(pairs[i], pairs[i + 1]));
    return ((NeutronQuery.Parsed) NeutronQuery.parse(parameters)).query();
  }

  static JsonNode page(NeutronQuery query) {
    return ((NeutronQuery.Page) query.page(PORTS, "ports", URL)).body();
  }

  static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("ports").forEach(port -> ids.add(port.get("id").asText()));
    return ids;
  }

  @Test
  void filtersMatchAnyOfTheirValuesBooleansInEitherCaseAndListElements() {
    assertEquals(List.of("a", "c"), ids(page(query("name", "vm"))), "sorted by id");
    assertEquals(List.of("a", "b", "c"), ids(page(query("name", "vm", "name", "db"))));
    assertEquals(List.of("a"), ids(page(query("admin_state_up", "False"))));
    assertEquals(List.of("b"), ids(page(query("fixed_ips", "ip_address=10.0.0.5"))));
    assertEquals(List.of("a", "b", "c", "d"), ids(page(query("device_id", ""))), "null matches the empty filter");
    assertEquals(List.of("a", "b", "c", "d"), ids(page(query("security_group_ids", "x"))), "a filter on an attribute ports lack is ignored");
  }

  @Test
  void fieldsKeepOnlyWhatWasAskedForAndIgnoreUnknownNames() {
    JsonNode first = page(query("fields", "id", "fields", "name", "fields", "security_group_ids")).get("ports").get(0);
    assertEquals(JSON.createObjectNode().put("id", "a").put("name", "vm"), first);
  }

  @Test
  void pagesFollowTheMarkerAndLinkBothWays() {
    JsonNode first = page(query("limit", "2"));
    assertEquals(List.of("a", "b"), ids(first));
    assertEquals(1, first.get("ports_links").size());
    assertEquals(URL + "?limit=2&marker=b", first.at("/ports_links/0/href").asText());
    assertEquals("next", first.at("/ports_links/0/rel").asText());

    JsonNode second = page(query("limit", "2", "marker", "b"));
    assertEquals(List.of("c", "d"), ids(second));
    assertEquals("previous", second.at("/ports_links/0/rel").asText(), "the last page links back only");
    assertEquals(URL + "?limit=2&marker=c&page_reverse=True", second.at("/ports_links/0/href").asText());

    assertEquals(List.of("a", "b"), ids(page(query("limit", "2", "marker", "c", "page_reverse", "True"))));
    assertEquals(List.of("d", "a"), ids(page(query("sort_key", "name", "sort_dir", "desc", "limit", "2"))), "web, then the vms by id");
  }

  @Test
  void aBadLimitOrUnknownMarkerIsRefused() {
    NeutronQuery.Result refused = NeutronQuery.parse(List.of(Map.entry("limit", "many")));
    assertEquals(400, assertInstanceOf(NeutronQuery.Refused.class, refused).error().status());
    NeutronQuery.Result missing = query("marker", "zz").page(PORTS, "ports", URL);
    assertEquals("MarkerNotFound", assertInstanceOf(NeutronQuery.Refused.class, missing).error().type());
  }

  /** c: prod, web; a: prod; b: none; d: web, dmz. */
  static List<ObjectNode> tagged() {
    Map<String, List<String>> tags = Map.of("c", List.of("prod", "web"), "a", List.of("prod"), "b", List.of(), "d", List.of("dmz", "web"));
    return PORTS.stream().map(port -> {
      ObjectNode copy = port.deepCopy();
      tags.get(port.get("id").asText()).forEach(copy.putArray("tags")::add);
      return copy;
    }).toList();
  }

  static List<String> taggedIds(String... pairs) {
    return ids(((NeutronQuery.Page) query(pairs).page(tagged(), "ports", URL)).body());
  }

  @Test
  void tagFiltersTakeCommaSeparatedTagsAsNeutronDoes() {
    assertEquals(List.of("a", "c"), taggedIds("tags", "prod"));
    assertEquals(List.of("c"), taggedIds("tags", "prod,web"), "tags: every one of them");
    assertEquals(List.of("c"), taggedIds("tags", "prod", "tags", "web"), "given twice, both apply");
    assertEquals(List.of("a", "c", "d"), taggedIds("tags-any", "prod,dmz"), "tags-any: at least one");
    assertEquals(List.of("a", "b", "d"), taggedIds("not-tags", "prod,web"), "not-tags: not every one");
    assertEquals(List.of("b"), taggedIds("not-tags-any", "prod,web"), "not-tags-any: none of them");
    assertEquals(List.of("d"), taggedIds("tags", "web", "not-tags-any", "prod"));
    assertEquals(List.of("a", "b", "c", "d"), ids(page(query("tags", "prod"))), "a resource without tags is not filtered by them");
  }
}
