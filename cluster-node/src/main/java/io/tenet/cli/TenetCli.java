package io.tenet.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code tenet}: the command line over the HTTP API. The endpoint and token come from
 * {@code --url}/{@code --token}, else {@code TENET_URL}/{@code TENET_TOKEN}, else {@code ~/.tenet/config}
 * ({@code url=...}, {@code token=...}). Exit codes: 0 ok, 1 the API refused (its message is printed)
 * or could not be reached, 2 usage error.
 */
@Command(name = "tenet", mixinStandardHelpOptions = true, version = "tenet 0.1.0",
    description = "Tenet's command line: tenants, networks, ports, routers, security groups, datapaths and the cluster through the API.",
    subcommands = {TenantCommand.class, NetworkCommand.class, PortCommand.class, RouterCommand.class, FloatingIpCommand.class, L2GatewayCommand.class, SecurityGroupCommand.class,
        DatapathCommand.class,
        ClusterCommand.class, TraceCommand.class, RepairCommand.class, StatusCommand.class, HistoryCommand.class, DiffCommand.class,
        CommandLine.HelpCommand.class,
        AutoComplete.GenerateCompletion.class})
public final class TenetCli {
  static final String DEFAULT_URL = "http://127.0.0.1:8080/v1";

  @Option(names = "--url", scope = ScopeType.INHERIT, description = "API base URL (default: TENET_URL, ~/.tenet/config, " + DEFAULT_URL + ")")
  String url;

  @Option(names = "--token", scope = ScopeType.INHERIT, description = "bearer token (default: TENET_TOKEN, ~/.tenet/config)")
  String token;

  @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, description = "table (default), json or yaml")
  Output output = Output.TABLE;

  private final Map<String, String> environment;
  private final Path home;

  TenetCli(Map<String, String> environment, Path home) {
    this.environment = environment;
    this.home = home;
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv(), Path.of(System.getProperty("user.home")), new PrintWriter(System.out, true), new PrintWriter(System.err, true))
        .execute(args));
  }

  /** The command line with its streams: what main runs, and what the tests run in-process. */
  public static CommandLine commandLine(Map<String, String> environment, Path home, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new TenetCli(environment, home)).setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setOut(out);
    commandLine.setErr(err);
    return commandLine;
  }

  /** The API to talk to; a missing token is a usage error. */
  ApiConnection connection() {
    Properties config = config();
    String base = firstOf(url, environment.get("TENET_URL"), config.getProperty("url"), DEFAULT_URL);
    String bearer = firstOf(token, environment.get("TENET_TOKEN"), config.getProperty("token"), null);
    if (bearer == null) throw new CommandLine.ParameterException(new CommandLine(this), "no token: give --token, set TENET_TOKEN or put token=... in ~/.tenet/config");
    return new ApiConnection(URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base), bearer);
  }

  private Properties config() {
    Properties properties = new Properties();
    Path file = home.resolve(".tenet").resolve("config");
    if (Files.isReadable(file)) {
      try (Reader reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    return properties;
  }

  private static String firstOf(String... values) {
    for (String value : values) if (value != null && !value.isBlank()) return value.trim();
    return null;
  }
}
