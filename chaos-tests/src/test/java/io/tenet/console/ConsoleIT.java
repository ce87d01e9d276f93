package io.tenet.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.bench.BenchmarkApi;
import io.tenet.bench.LocalStack;
import io.tenet.lab.Await;
import io.tenet.lab.OvsLab;
import io.tenet.persistence.testing.FreePorts;
import io.tenet.persistence.testing.SharedCassandra;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in a real browser (Debian's headless chromium through /usr/bin/chromedriver,
 * which this test starts and stops by pid; nothing is downloaded): a two-node cluster with two
 * hypervisors. The page, opened once on node 1, must show the members and the datapaths, then a
 * VM plugged meanwhile bound on its hypervisor, then node 2 leaving, all without a reload (a
 * marker set in the page's window stays set). Screenshots of every step go to
 * {@code target/console-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Duration CONVERGE = Duration.ofSeconds(60);
  /** The page polls nothing itself; the server reads a snapshot every second. Leaving and failover take a few more. */
  static final Duration SHOWN = Duration.ofSeconds(30);
  static final String MARKER = "window.__consoleIt";

  static OvsLab lab;
  static LocalStack stack;
  static BenchmarkApi api;
  static Process chromedriver;
  static WebDriver browser;
  static String tenantToken;
  static String networkId;
  static JsonNode web1;
  static JsonNode web2;

  @BeforeAll
  static void startClusterLabAndBrowser() throws Exception {
    try {
      Files.createDirectories(SCREENSHOTS);
      lab = OvsLab.start(2);
      stack = LocalStack.onSharedCassandra(SharedCassandra.instance()).create(2).listenForSwitchesOn(lab.controllerAddress());
      api = new BenchmarkApi(stack.apiBase(), Duration.ofSeconds(30));
      stack.start(api);
      lab.connectTo(stack.ovsdbManagerTargets());
      tenantToken = api.createTenant(stack.adminToken(), "acme");
      networkId = api.createNetwork(tenantToken, "web", "10.0.0.0/24");
      web1 = createPort("web-1");
      web2 = createPort("web-2");
      plug(1, web1, "web-1");
      awaitDatapaths();
      browser = startBrowser();
    } catch (Exception | Error failed) {
      stopAll();
      throw failed;
    }
  }

  @AfterAll
  static void stopAll() {
    try {
      if (browser != null) browser.quit();
    } catch (RuntimeException ignored) {
      // chromedriver is stopped by pid below either way
    } finally {
      try {
        stopChromedriver();
      } finally {
        try {
          if (stack != null) stack.close();
        } finally {
          if (lab != null) lab.close();
        }
      }
    }
  }

  @Test
  @Order(1)
  void afterLoginThePageShowsTheMembersAndTheDatapaths() throws Exception {
    browser.get(consoleUrl(0));
    WebElement token = waitFor(d -> visible(By.id("token")));
    assertTrue(!browser.findElement(By.id("console")).isDisplayed(), "nothing is shown before the token is given");
    screenshot("1-login");
    // the page's content security policy ('self' only) reports anything it had to block: an external fetch, an inline style
    ((JavascriptExecutor) browser).executeScript("window.__violations = [];"
        + " document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));");
    token.sendKeys(stack.adminToken());
    browser.findElement(By.id("login-button")).click();

    waitFor(d -> "live".equals(text(By.id("connection"))));
    for (int node = 0; node < 2; node++) {
      String address = stack.node(node).clusterAddress();
      waitFor(d -> "up".equals(attribute(By.cssSelector("#members tr[data-address='" + address + "']"), "data-status")));
    }
    for (JsonNode datapath : datapaths()) {
      String row = "#datapaths tr[data-datapath='" + datapath.path("datapath_id").asText() + "']";
      waitFor(d -> text(By.cssSelector(row)).contains(datapath.path("hostname").asText()));
      assertTrue(text(By.cssSelector(row)).contains(datapath.path("encap_ip").asText()), text(By.cssSelector(row)));
      waitFor(d -> text(By.cssSelector(row)).contains("master") || text(By.cssSelector(row)).contains(datapath.path("node").asText()));
    }
    waitFor(d -> !browser.findElements(By.cssSelector("#topology g.vm[data-port='" + web1.path("id").asText() + "']")).isEmpty());
    JsonNode cluster = api.get("/cluster", stack.adminToken()).json();
    assertEquals(2, cluster.path("members").size(), cluster.toString());
    int entities = 0;
    for (JsonNode member : cluster.path("members")) {
      assertEquals("up", member.path("status").asText(), cluster.toString());
      assertTrue(member.path("shards").isInt(), "every member answered with its shards: " + cluster);
      entities += member.path("entities").asInt();
    }
    assertTrue(entities >= 2 + 2, "at least the two datapaths and two ports run somewhere: " + cluster);
    assertEquals(404, api.get("/cluster", tenantToken).status(), "to a tenant the cluster does not exist");
    ((JavascriptExecutor) browser).executeScript(MARKER + " = 'same page';");
    // the token never goes into a URL
    assertTrue(!browser.getCurrentUrl().contains(stack.adminToken()), browser.getCurrentUrl());
    screenshot("2-connected");
  }

  @Test
  @Order(2)
  void aVmPluggedMeanwhileShowsUpBoundOnItsHypervisor() throws Exception {
    String portId = web2.path("id").asText();
    assertEquals("not bound", text(By.cssSelector("#ports tr[data-port='" + portId + "'] td.binding")));

    plug(2, web2, "web-2");
    String hv2 = datapathOf(2);

    waitFor(d -> hv2.equals(attribute(By.cssSelector("#ports tr[data-port='" + portId + "']"), "data-bound")));
    String binding = text(By.cssSelector("#ports tr[data-port='" + portId + "'] td.binding"));
    assertTrue(binding.contains(hv2), binding);
    waitFor(d -> !browser.findElements(By.cssSelector("#topology g.vm[data-port='" + portId + "'][data-datapath='" + hv2 + "']")).isEmpty());
    waitFor(d -> !browser.findElements(By.cssSelector("#topology g.tunnel-group[data-network='" + networkId + "']")).isEmpty());
    waitFor(d -> !browser.findElements(By.cssSelector("#events li[data-kind='port_bound'][data-subject='" + portId + "']")).isEmpty());
    assertEquals("web", text(By.cssSelector("#topology-legend .swatch[data-network='" + networkId + "']")));
    // realization per object: both hypervisors confirmed the port and its network's current version
    waitFor(d -> "realized".equals(attribute(By.cssSelector("#ports tr[data-port='" + portId + "'] td[data-realization]"), "data-realization")));
    waitFor(d -> "realized".equals(attribute(By.cssSelector("#networks tr[data-network='" + networkId + "'] td[data-realization]"), "data-realization")));
    // the ports are in their tenant's default group, which both hypervisors enforce
    String defaultGroup = api.get("/security-groups?name=default", tenantToken).json().path("security_groups").get(0).path("id").asText();
    String groupRow = "#security-groups tr[data-security-group='" + defaultGroup + "']";
    waitFor(d -> "realized".equals(attribute(By.cssSelector(groupRow + " td[data-realization]"), "data-realization")));
    assertTrue(!text(By.cssSelector(groupRow)).contains("no datapath"), text(By.cssSelector(groupRow)));
    // the port's status reaches the page with its own event, at times after the realization above
    waitFor(d -> "active".equals(text(By.cssSelector("#ports tr[data-port='" + portId + "'] td .badge.active"))));
    assertSamePage();
    screenshot("3-port-bound");
  }

  @Test
  @Order(3)
  void aNodeThatLeavesIsShownGoneWithItsEvent() throws Exception {
    String leaving = stack.node(1).clusterAddress();
    assertTrue(stack.node(1).stop(), "node 2 left by itself on SIGTERM");

    waitFor(d -> browser.findElements(By.cssSelector("#members tr[data-address='" + leaving + "']")).isEmpty());
    waitFor(d -> !browser.findElements(By.cssSelector("#events li[data-kind='member_left'][data-subject='" + leaving + "']")).isEmpty());
    assertEquals(1, browser.findElements(By.cssSelector("#members tr[data-address]")).size());
    // the datapaths it mastered are taken over by node 1
    String survivor = stack.node(0).clusterAddress();
    for (JsonNode datapath : datapaths()) {
      String row = "#datapaths tr[data-datapath='" + datapath.path("datapath_id").asText() + "']";
      waitFor(d -> text(By.cssSelector(row)).contains(survivor));
    }
    assertSamePage();
    screenshot("4-node-left");
  }

  // ---- set-up ----------------------------------------------------------------------------------

  static JsonNode createPort(String name) throws Exception {
    ObjectNode body = JSON.createObjectNode().put("network_id", networkId).put("name", name);
    BenchmarkApi.Answer answer = api.post("/ports", tenantToken, body.toString());
    assertEquals(201, answer.status(), answer.body());
    return answer.json();
  }

  static void plug(int hypervisor, JsonNode port, String vmName) {
    lab.hypervisor(hypervisor).plugVm(vmName, port.path("mac_address").asText(), port.path("id").asText(),
        port.path("fixed_ips").get(0).path("ip_address").asText() + "/24");
  }

  static List<JsonNode> datapaths() throws Exception {
    BenchmarkApi.Answer answer = api.get("/datapaths", stack.adminToken());
    assertEquals(200, answer.status(), answer.body());
    List<JsonNode> list = new java.util.ArrayList<>();
    answer.json().path("datapaths").forEach(list::add);
    return list;
  }

  /** The datapath id of hypervisor {@code number}, by its tunnel endpoint. */
  static String datapathOf(int number) throws Exception {
    String encapIp = lab.hypervisor(number).encapIp();
    return datapaths().stream().filter(d -> encapIp.equals(d.path("encap_ip").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no datapath with encap IP " + encapIp)).path("datapath_id").asText();
  }

  static void awaitDatapaths() throws Exception {
    Await.until(CONVERGE, () -> {
      try {
        List<JsonNode> all = datapaths();
        return all.size() == 2 && all.stream().allMatch(d -> d.path("converged").asBoolean() && "master".equals(d.path("role").asText()));
      } catch (Exception notYet) {
        return false;
      }
    }, "both datapaths mastered and converged");
  }

  static String consoleUrl(int node) {
    URI api = stack.node(node).apiBase();
    return "http://" + api.getHost() + ":" + api.getPort() + "/console";
  }

  /** chromedriver started here (so its pid is ours to stop), driven over its W3C endpoint: no driver lookup, no download. */
  static WebDriver startBrowser() throws Exception {
    int port = FreePorts.take(1)[0];
    chromedriver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
        .redirectErrorStream(true).redirectOutput(SCREENSHOTS.resolve("chromedriver.log").toFile()).start();
    Await.until(Duration.ofSeconds(20), () -> {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return true;
      } catch (IOException notYet) {
        return false;
      }
    }, "chromedriver listening on " + port);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,2000",
        "--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-component-update");
    return new RemoteWebDriver(URI.create("http://127.0.0.1:" + port).toURL(), options);
  }

  static void stopChromedriver() {
    Process process = chromedriver;
    if (process == null) return;
    process.descendants().forEach(ProcessHandle::destroyForcibly); // chromium, if quit did not end it
    process.destroyForcibly();
  }

  // ---- page helpers -----------------------------------------------------------------------------

  static <T> T waitFor(Function<WebDriver, T> condition) {
    return new WebDriverWait(browser, SHOWN, Duration.ofMillis(200)).until(d -> {
      try {
        T value = condition.apply(d);
        return value instanceof Boolean b && !b ? null : value;
      } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException notYet) {
        return null;
      }
    });
  }

  static WebElement visible(By by) {
    WebElement element = browser.findElement(by);
    return element.isDisplayed() ? element : null;
  }

  static String text(By by) {
    return browser.findElement(by).getText();
  }

  static String attribute(By by, String name) {
    return browser.findElement(by).getDomAttribute(name);
  }

  static void assertSamePage() {
    assertEquals("same page", ((JavascriptExecutor) browser).executeScript("return " + MARKER + ";"), "the page was reloaded");
    assertEquals(List.of(), ((JavascriptExecutor) browser).executeScript("return window.__violations;"), "the page broke its own content policy");
  }

  static void screenshot(String name) throws IOException {
    Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}
