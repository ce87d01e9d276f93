package io.tenet.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/bin/tenet-rolling's own logic, with stand-ins: two "local" hosts whose stop and start
 * commands record what they were asked and mark the node down or up, and an HTTP stub that
 * answers each node's readiness from that mark. The chaos `rolling` scenario runs the same tool
 * against real nodes; this covers the order, the install of a new build and the refusals.
 */
class TenetRollingScriptTest {
  private static final Path TOOL = Path.of(System.getProperty("tenet.repo.root", "..")).resolve("deploy/bin/tenet-rolling").toAbsolutePath().normalize();
  private static final String TOKEN = "adm.rolling-test";

  record Run(int exit, String output) {}

  @TempDir
  Path dir;
  private HttpServer api;
  private Path events;
  private Path marks;

  @BeforeEach
  void startApiStub() throws IOException {
    events = dir.resolve("events");
    marks = Files.createDirectories(dir.resolve("down"));
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    // /<node>/v1/health/ready: 200 unless the node is marked down; /<node>/v1/datapaths: converged, with the token
    api.createContext("/", exchange -> {
      String[] path = exchange.getRequestURI().getPath().split("/");
      String node = path.length > 1 ? path[1] : "";
      if (exchange.getRequestURI().getPath().endsWith("/v1/health/ready")) {
        answer(exchange, Files.exists(marks.resolve(node)) ? 503 : 200, "{}");
      } else if (exchange.getRequestURI().getPath().endsWith("/v1/datapaths")) {
        boolean authorized = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
        answer(exchange, authorized ? 200 : 401, authorized ? "{\"datapaths\":[{\"role\":\"master\",\"converged\":true}]}" : "{}");
      } else {
        answer(exchange, 404, "{}");
      }
    });
    api.start();
  }

  @AfterEach
  void stopApiStub() {
    api.stop(0);
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private Path inventory(String... names) throws IOException {
    StringBuilder lines = new StringBuilder("# name host api\n");
    for (String name : names) lines.append(name).append(" local http://127.0.0.1:").append(api.getAddress().getPort()).append('/').append(name).append("/v1\n");
    return Files.writeString(dir.resolve("inventory"), lines);
  }

  private Run rolling(String startCommand, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("bash", TOOL.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TENET_ROLLING_STOP", "echo \"stop $TENET_NODE_NAME\" >> '" + events + "'; touch '" + marks + "'/$TENET_NODE_NAME");
    builder.environment().put("TENET_ROLLING_START", startCommand);
    builder.environment().put("TENET_ROLLING_INSTALL", dir.resolve("install").toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
    return new Run(process.exitValue(), output);
  }

  private String startsAndComesBack() {
    return "echo \"start $TENET_NODE_NAME\" >> '" + events + "'; rm -f '" + marks + "'/$TENET_NODE_NAME";
  }

  @Test
  void nodesGoOneAtATimeAndANewBuildIsInstalled() throws Exception {
    Path build = Files.createDirectories(dir.resolve("build/lib"));
    Files.writeString(build.resolveSibling("tenet-cluster-node.jar"), "new jar");
    Files.writeString(build.resolve("dependency.jar"), "a dependency");
    Path stale = Files.createDirectories(dir.resolve("install/lib")).resolve("removed-dependency.jar");
    Files.writeString(stale, "an old dependency");

    Run run = rolling(startsAndComesBack(), "--build", build.getParent().toString(), "--token", TOKEN, inventory("ctl1", "ctl2").toString());

    assertEquals(0, run.exit(), run.output());
    assertEquals(List.of("stop ctl1", "start ctl1", "stop ctl2", "start ctl2"), Files.readAllLines(events), "one node at a time, in order");
    assertEquals("new jar", Files.readString(dir.resolve("install/tenet-cluster-node.jar")));
    assertEquals("a dependency", Files.readString(dir.resolve("install/lib/dependency.jar")));
    assertFalse(Files.exists(stale), "lib/ is replaced, not merged");
    assertTrue(run.output().contains("ctl2: datapaths converged") && run.output().strip().endsWith("done"), run.output());
  }

  @Test
  void aNodeThatDoesNotComeBackStopsTheRollout() throws Exception {
    String neverReady = "echo \"start $TENET_NODE_NAME\" >> '" + events + "'";
    Run run = rolling(neverReady, "--timeout", "2", inventory("ctl1", "ctl2").toString());
    assertEquals(1, run.exit(), run.output());
    assertEquals(List.of("stop ctl1", "start ctl1"), Files.readAllLines(events), "ctl2 is left as it was");
    assertTrue(run.output().contains("ctl1 ready: not reached within 2 s"), run.output());
  }

  @Test
  void aNodeIsNotTouchedWhileTheClusterIsNotWhole() throws Exception {
    Files.createFile(marks.resolve("ctl2"));
    Run run = rolling(startsAndComesBack(), "--timeout", "2", inventory("ctl1", "ctl2").toString());
    assertEquals(1, run.exit(), run.output());
    assertFalse(Files.exists(events), "nothing was stopped while ctl2 was not ready");
  }

  @Test
  void badInputIsRefusedBeforeAnythingHappens() throws Exception {
    Files.writeString(dir.resolve("bad-host"), "ctl1 telnet:10.0.0.1 http://127.0.0.1:1/v1\n");
    Run badHost = rolling(startsAndComesBack(), dir.resolve("bad-host").toString());
    assertEquals(2, badHost.exit(), badHost.output());
    assertTrue(badHost.output().contains("HOST must be ssh:..., netns:... or local"), badHost.output());

    Files.writeString(dir.resolve("short-line"), "ctl1 local\n");
    assertEquals(2, rolling(startsAndComesBack(), dir.resolve("short-line").toString()).exit());
    assertEquals(2, rolling(startsAndComesBack(), dir.resolve("missing").toString()).exit());
    Run noJar = rolling(startsAndComesBack(), "--build", dir.toString(), inventory("ctl1").toString());
    assertEquals(2, noJar.exit(), noJar.output());
    assertTrue(noJar.output().contains("no tenet-cluster-node.jar"), noJar.output());
    assertFalse(Files.exists(events), "no node was touched");
  }
}
