package io.tenet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What the CLI decides without an API: help on every command, completion, and usage errors (exit 2) before any request. */
class TenetCliTest {
  record Run(int exit, String out, String err) {}

  /** A token and an address nobody answers on: a request would fail with exit 1, not 2. */
  private static final Map<String, String> UNREACHABLE = Map.of("TENET_URL", "http://127.0.0.1:1/v1", "TENET_TOKEN", "t");

  static Run tenet(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = TenetCli.commandLine(UNREACHABLE, Path.of("/nonexistent-home"), new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void everyCommandHasHelp() {
    List<List<String>> commands = new ArrayList<>();
    collect(TenetCli.commandLine(Map.of(), Path.of("/"), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), new ArrayList<>(), commands);
    assertTrue(commands.size() > 30, "every resource's commands: " + commands);
    for (List<String> command : commands) {
      List<String> args = new ArrayList<>(command);
      args.add("--help");
      Run help = tenet(args.toArray(String[]::new));
      assertEquals(0, help.exit(), String.join(" ", args) + ": " + help.err());
      assertTrue(help.out().startsWith("Usage: tenet"), String.join(" ", args) + " prints its usage: " + help.out());
    }
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
    into.add(List.copyOf(path));
    command.getSubcommands().forEach((name, sub) -> {
      if (name.equals("help") || name.equals("generate-completion")) return;
      List<String> longer = new ArrayList<>(path);
      longer.add(name);
      collect(sub, longer, into);
    });
  }

  @Test
  void aCompletionScriptCoversTheCommands() {
    Run completion = tenet("generate-completion");
    assertEquals(0, completion.exit(), completion.err());
    assertTrue(completion.out().contains("complete -F"), "a bash completion script");
    for (String command : List.of("network", "port", "router", "security-group", "datapath", "cluster", "trace", "add-rule")) {
      assertTrue(completion.out().contains(command), "completes " + command);
    }
  }

  @Test
  void usageErrorsExitTwoWithoutCallingTheApi() {
    Run nothingToChange = tenet("network", "set", "web");
    assertEquals(2, nothingToChange.exit());
    assertTrue(nothingToChange.err().contains("nothing to change"), nothingToChange.err());
    Run badRange = tenet("security-group", "add-rule", "web", "--direction", "ingress", "--port", "80-90");
    assertEquals(2, badRange.exit());
    assertTrue(badRange.err().contains("8000:8080"), badRange.err());
    assertEquals(2, tenet("port", "set", "vm1", "--port-security", "maybe").exit(), "a boolean is true or false");
    assertEquals(2, tenet("network", "list", "-o", "xml").exit());
    assertEquals(2, tenet("security-group", "remove-rule", "web").exit(), "the rule id is required");
    // with every option right, the same command reaches for the API and fails there: exit 1
    Run unreachable = tenet("network", "set", "web", "--name", "www");
    assertEquals(1, unreachable.exit());
    assertTrue(unreachable.err().contains("cannot reach"), unreachable.err());
  }

  @Test
  void documentsReachAWriterThatFlushesOnlyOnNewLines() {
    // main's writers flush on println only; anything printed otherwise is lost at exit
    for (Output output : List.of(Output.JSON, Output.YAML)) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      PrintWriter likeMain = new PrintWriter(bytes, true);
      output.document(likeMain, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("name", "web"));
      assertTrue(bytes.toString().contains("web"), output + " output was left in the writer's buffer");
    }
  }

  @Test
  void portRangesAreOneNumberOrTwo() {
    CommandLine command = new CommandLine(new TenetCli(Map.of(), Path.of("/")));
    assertEquals(new PortRange(80, 80), PortRange.parse(command, "80"));
    assertEquals(new PortRange(8000, 8080), PortRange.parse(command, "8000:8080"));
    for (String bad : List.of("", "http", "1:2:3", ":80", "80:")) {
      try {
        PortRange.parse(command, bad);
        throw new AssertionError("accepted '" + bad + "'");
      } catch (CommandLine.ParameterException expected) {
        assertTrue(expected.getMessage().contains(bad));
      }
    }
  }

  @Test
  void aRoutersGatewayColumnNamesItsHostsAndMarksTheActiveOne() throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    assertEquals("-", RouterCommand.gateway(json.readTree("{\"name\":\"edge\"}")));
    assertEquals("203.0.113.2 on hv2, hv3 (active)", RouterCommand.gateway(json.readTree("""
        {"external_gateway":{"ip_address":"203.0.113.2","active_datapath_id":"03",
          "hosts":[{"datapath_id":"02","hostname":"hv2"},{"datapath_id":"03","hostname":"hv3"}]}}""")));
    assertEquals("203.0.113.2 on hv2 (active), hv3", RouterCommand.gateway(json.readTree("""
        {"external_gateway":{"ip_address":"203.0.113.2","hosts":[{"datapath_id":"02","hostname":"hv2"},{"datapath_id":"03","hostname":"hv3"}]}}""")),
        "recorded before the active host was kept: the first");
  }
}
