package io.tenet.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OvsLabCleanupIT {

  @Test
  void startFailingHalfWayLeavesNothingBehind() {
    AtomicReference<OvsLab> failing = new AtomicReference<>();
    List<Long> pids = new ArrayList<>();
    CommandFailedException failure = assertThrows(CommandFailedException.class, () -> OvsLab.start(3, (lab, hypervisor) -> {
      failing.set(lab);
      if (hypervisor.number() == 2) {
        synchronized (pids) {
          pids.addAll(lab.processIds());
        }
        hypervisor.vsctl("add-br");
      }
    }));
    assertTrue(failure.getMessage().contains("ovs-vsctl") && failure.getMessage().contains("add-br"), failure.getMessage());
    OvsLab lab = failing.get();
    assertTrue(pids.size() >= 2, "the second hypervisor's daemons at least: " + pids);
    Leftovers leftovers = Leftovers.of(lab.prefix(), lab.directory(), pids);
    assertTrue(leftovers.none(), leftovers.toString());
  }

  @Test
  void sweepRemovesTheLabOfADeadJvm() throws IOException {
    OvsLab lab = OvsLab.start(2);
    List<Long> pids;
    try {
      EmulatedController.createIntegrationBridge(lab.hypervisor(1));
      lab.hypervisor(1).plugVm("vm1", "fa:16:3e:00:00:01", "port-1", "10.0.0.5/24");
      lab.captureUnderlay(null);
      lab.hypervisor(2).captureUnderlay("arp");
      pids = lab.processIds();
      // the owner file now names a process that started at another time: a PID reused after a crash
      Files.writeString(lab.directory().resolve(LabRegistry.OWNER_START_FILE), "2000-01-01T00:00:00Z");
      OvsLab.sweepStale();
      Leftovers leftovers = Leftovers.of(lab.prefix(), lab.directory(), pids);
      assertTrue(leftovers.none(), leftovers.toString());
    } finally {
      lab.close();
    }
    assertFalse(Files.exists(lab.directory()));
  }

  @Test
  void sweepLeavesLabsOfLiveJvmsAlone() {
    try (OvsLab lab = OvsLab.start(1)) {
      OvsLab.sweepStale();
      Path directory = lab.directory();
      assertTrue(Files.exists(directory));
      assertTrue(lab.hypervisor(1).vsctl("list-br").contains("br-phy"));
      assertTrue(ProcessHandle.of(lab.hypervisor(1).vswitchdPid()).map(RunningProcesses::isRunning).orElse(false));
    }
  }
}
