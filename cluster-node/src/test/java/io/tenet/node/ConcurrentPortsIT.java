package io.tenet.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Two hundred ports created at once on one /24: every one a distinct address, and exhaustion is a clear 409. */
class ConcurrentPortsIT {

  @Test
  void concurrentCreatesNeverShareAnAddressAndExhaustionIsAClearConflict() throws Exception {
    try (NodeProcess node = NodeProcess.start("concurrent")) {
      ApiClient admin = new ApiClient(node.baseUrl(), NodeProcess.ADMIN_TOKEN);
      ApiClient tenant = admin.as(admin.post("/tenants", "{\"name\":\"load\"}").json().get("token").asText());
      String net = tenant.post("/networks", "{\"name\":\"full\",\"subnets\":[{\"cidr\":\"10.20.0.0/24\"}]}").json().get("id").asText();
      String body = "{\"network_id\":\"" + net + "\"}";

      ExecutorService pool = Executors.newFixedThreadPool(50);
      List<CompletableFuture<ApiClient.Response>> creates = new ArrayList<>();
      for (int i = 0; i < 200; i++) creates.add(CompletableFuture.supplyAsync(() -> tenant.post("/ports", body), pool));
      Set<String> addresses = new HashSet<>();
      for (CompletableFuture<ApiClient.Response> create : creates) {
        ApiClient.Response response = create.get();
        assertEquals(201, response.status(), response::toString);
        addresses.add(response.json().at("/fixed_ips/0/ip_address").asText());
      }
      pool.shutdown();
      assertEquals(200, addresses.size(), "200 ports, 200 distinct addresses");

      // .1 is the gateway and .2 the DHCP server: 252 addresses for ports in all
      for (int i = 201; i <= 252; i++) {
        ApiClient.Response response = tenant.post("/ports", body);
        assertEquals(201, response.status(), () -> "create " + response);
        addresses.add(response.json().at("/fixed_ips/0/ip_address").asText());
      }
      assertEquals(252, addresses.size());
      for (int i = 253; i <= 256; i++) {
        ApiClient.Response refused = tenant.post("/ports", body);
        assertEquals(409, refused.status(), refused::toString);
        assertEquals("subnet_exhausted", refused.errorCode());
      }
      assertEquals(252, tenant.get("/ports?network_id=" + net).json().get("ports").size(), "refused creates leave no port behind");
    }
  }
}
