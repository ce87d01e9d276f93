package io.tenet.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What a lab could leave behind on the machine; a closed lab must leave none of it. */
record Leftovers(List<String> namespaces, List<String> links, List<Long> livePids, List<String> processesNamingTheLab, boolean directoryExists) {

  static Leftovers of(String prefix, Path directory, Collection<Long> pids) {
    String owned = prefix + "-";
    List<String> namespaces = HostNetwork.namespaces().stream().filter(name -> name.startsWith(owned)).toList();
    List<String> links = HostNetwork.links().stream().filter(name -> name.startsWith(owned)).toList();
    List<Long> alive = pids.stream().filter(pid -> ProcessHandle.of(pid).map(RunningProcesses::isRunning).orElse(false)).toList();
    // also catches processes the lab never told us about (a daemon started just before a failure)
    List<String> naming = new ArrayList<>();
    ProcessHandle.allProcesses()
        .filter(process -> process.pid() != ProcessHandle.current().pid())
        .forEach(process -> process.info().commandLine()
            .filter(line -> line.contains(directory.toString()) || line.contains(owned))
            .ifPresent(line -> naming.add(process.pid() + " " + line)));
    return new Leftovers(namespaces, links, alive, naming, Files.exists(directory));
  }

  boolean none() {
    return namespaces.isEmpty() && links.isEmpty() && livePids.isEmpty() && processesNamingTheLab.isEmpty() && !directoryExists;
  }
}
