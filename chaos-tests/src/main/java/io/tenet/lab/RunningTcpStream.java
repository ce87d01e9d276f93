package io.tenet.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One TCP connection a VM holds open to an echo server, sending a numbered line every interval and
 * logging when each echo comes back, until {@link #close()}. Shows whether an established
 * connection keeps working, or from when it does not, while something changes around it.
 */
public final class RunningTcpStream implements AutoCloseable {
  /** Prints "<epoch ms> <line>" per echo; stops sending when the socket fails. Python 3 is in every lab host. */
  static final String CLIENT = String.join("\n",
      "import socket, sys, threading, time",
      "s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=5)",
      "s.settimeout(None)",
      "def echoes():",
      "    for line in s.makefile():",
      "        print('%d %s' % (time.time() * 1000, line.strip()), flush=True)",
      "threading.Thread(target=echoes, daemon=True).start()",
      "n = 0",
      "while True:",
      "    n += 1",
      "    s.sendall(b'%d\\n' % n)",
      "    time.sleep(float(sys.argv[3]))");

  private final BackgroundCommand client;

  RunningTcpStream(BackgroundCommand client) {
    this.client = client;
  }

  /** When each echo arrived, in order. */
  public List<Instant> echoes() {
    List<Instant> times = new ArrayList<>();
    for (String line : client.stdoutLines()) {
      String[] parts = line.trim().split(" ", 2);
      if (parts.length == 2 && parts[0].chars().allMatch(Character::isDigit)) times.add(Instant.ofEpochMilli(Long.parseLong(parts[0])));
    }
    return times;
  }

  /** Echoes that arrived after {@code since}. */
  public long echoesAfter(Instant since) {
    return echoes().stream().filter(t -> t.isAfter(since)).count();
  }

  @Override
  public void close() {
    client.signal("TERM");
    client.awaitExit(Duration.ofSeconds(5));
  }
}
