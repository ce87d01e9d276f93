package io.tenet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tenet trace}: why a packet goes where it goes. Prints each datapath the packet crosses,
 * table by table (the matching rule, its actions and its owner), then the verdict; {@code -o json}
 * prints the API's report.
 */
@Command(name = "trace", description = "Trace a packet from a port through the pipeline (and across the tunnel).", mixinStandardHelpOptions = true)
final class TraceCommand extends CliCommand implements Callable<Integer> {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  @Spec
  CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "PORT", description = "source port, by name or id")
  String from;

  @Option(names = "--to", required = true, paramLabel = "IP|PORT", description = "destination IPv4 address, or port by name or id")
  String to;

  @Option(names = "--proto", defaultValue = "icmp", description = "icmp (default), tcp, udp or arp")
  String proto;

  @Option(names = "--dport", description = "destination port (tcp, udp)")
  Integer dport;

  @Option(names = "--sport", description = "source port (tcp, udp)")
  Integer sport;

  @Override
  CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() {
    return call(api -> {
      String source = resolve(api, PortCommand.PORTS, from);
      String target = IPV4.matcher(to).matches() ? to : resolve(api, PortCommand.PORTS, to);
      StringBuilder query = new StringBuilder("/trace?from=").append(encode(source)).append("&to=").append(encode(target)).append("&proto=").append(encode(proto));
      if (dport != null) query.append("&dport=").append(dport);
      if (sport != null) query.append("&sport=").append(sport);
      JsonNode report = api.get(query.toString());
      if (root().output == Output.JSON) out().println(report.toPrettyString());
      else print(out(), report);
    });
  }

  static void print(PrintWriter out, JsonNode report) {
    boolean first = true;
    for (JsonNode hop : report.path("hops")) {
      out.println((first ? "" : "then ") + "datapath " + Output.text(hop.path("datapath_id")) + " (" + Output.text(hop.path("hostname")) + ", "
          + Output.text(hop.path("encap_ip")) + "), from " + Output.text(hop.path("ingress")));
      out.println("  packet: " + Output.text(hop.path("flow")));
      for (JsonNode step : hop.path("steps")) {
        out.println(String.format("  %2d %-11s prio %-3s %s", step.path("table").asInt(), step.path("table_name").asText(), step.path("priority").asText(),
            step.path("match").asText()));
        String owner = step.path("owner").asText();
        // a table's miss belongs to the pipeline itself; anything else to one network, port or rule
        out.println("                         -> " + step.path("actions").asText() + "   [" + (owner.equals("pipeline") ? "table miss" : owner + " " + step.path("owner_id").asText()) + "]");
      }
      JsonNode verdict = hop.path("verdict");
      out.println("  => " + verdict.path("kind").asText() + ": " + verdict.path("reason").asText());
      first = false;
    }
    out.println("verdict: " + Output.text(report.path("summary")));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
