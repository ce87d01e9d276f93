package io.tenet.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When a lab's process counts as gone: only once every one of its threads has exited. */
class RunningProcessesTest {
  @Test
  void aProcessWhoseMainThreadEndedFirstStillRuns() throws Exception {
    // the main thread exits on its own (pthread_exit) while another thread sleeps on: the state
    // ovs-vswitchd passes through after SIGKILL, when its main thread is already a zombie
    Process process = new ProcessBuilder("python3", "-c",
        "import ctypes, threading, time\n"
            + "threading.Thread(target=time.sleep, args=(3,)).start()\n"
            + "ctypes.CDLL(None).pthread_exit(None)\n").start();
    try {
      ProcessHandle handle = process.toHandle();
      Path leader = Path.of("/proc", Long.toString(handle.pid()), "stat");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (!Files.readString(leader).contains(") Z") && System.nanoTime() < deadline) Thread.sleep(20);
      assertTrue(Files.readString(leader).contains(") Z"), "the main thread is a zombie");
      assertTrue(RunningProcesses.isRunning(handle), "its other thread still runs");
      assertTrue(process.waitFor(10, TimeUnit.SECONDS));
      assertFalse(RunningProcesses.isRunning(handle));
    } finally {
      process.destroyForcibly();
    }
  }
}
