package io.tenet.api.console;

import java.time.Instant;

/** One line of the console's recent-events list: when it was seen, what kind, about which object (its id or address), and a sentence. */
public record ConsoleEvent(Instant at, ConsoleEventKind kind, String subject, String message) {}
