package io.tenet.cli;

import picocli.CommandLine;

/** A rule's port or port range as typed: {@code 80} or {@code 8000:8080}; the API checks the bounds. */
record PortRange(int min, int max) {
  static PortRange parse(CommandLine command, String text) {
    String[] bounds = text.split(":", -1);
    try {
      if (bounds.length == 1) return new PortRange(Integer.parseInt(bounds[0].trim()), Integer.parseInt(bounds[0].trim()));
      if (bounds.length == 2) return new PortRange(Integer.parseInt(bounds[0].trim()), Integer.parseInt(bounds[1].trim()));
    } catch (NumberFormatException notANumber) {
      // falls through to the usage error below
    }
    throw new CommandLine.ParameterException(command, "--port takes a port or a range such as 80 or 8000:8080, not '" + text + "'");
  }
}
