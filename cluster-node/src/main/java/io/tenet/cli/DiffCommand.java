package io.tenet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tenet diff --since 1h}: what changed in the caller's tenant (an administrator: the whole cloud) since a moment, oldest first. */
@Command(name = "diff", description = "List every change to the tenant's networks, ports, security groups and routers (administrator: every tenant's) since a moment.",
    mixinStandardHelpOptions = true)
final class DiffCommand extends CliCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--since", required = true, description = "ISO-8601 time or a time ago (90s, 15m, 1h, 2d)")
  String since;

  @Override
  CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() {
    return call(api -> root().output.list(out(), api.get("/events?since=" + HistoryCommand.encode(since)).path("events"), HistoryCommand.CHANGES));
  }
}
