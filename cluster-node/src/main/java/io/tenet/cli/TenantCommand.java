package io.tenet.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tenet tenant}: administrators create, list and show tenants; the create prints the tenant's token (shown once). */
@Command(name = "tenant", description = "Tenants (administrator token).", mixinStandardHelpOptions = true)
final class TenantCommand extends CliCommand {
  static final Resource TENANTS = Resource.of("tenants", "tenant",
      List.of(Output.Column.field("ID", "/id"), Output.Column.field("NAME", "/name"), Output.Column.field("CREATED", "/created_at")));

  @Spec
  CommandSpec spec;

  @Override
  CommandSpec spec() {
    return spec;
  }

  @Command(name = "create", description = "Create a tenant; prints its token once.", mixinStandardHelpOptions = true)
  int create(@Parameters(paramLabel = "NAME") String name) {
    return call(api -> root().output.one(out(), api.post(TENANTS.collection(), ApiConnection.JSON.createObjectNode().put("name", name))));
  }

  @Command(name = "list", description = "List tenants.", mixinStandardHelpOptions = true)
  int list() {
    return listAll(TENANTS, ApiQuery.NONE);
  }

  @Command(name = "show", description = "Show a tenant.", mixinStandardHelpOptions = true)
  int show(@Parameters(paramLabel = "NAME|ID") String tenant) {
    return showOne(TENANTS, tenant);
  }
}
