package io.tenet.lab;

import java.time.Instant;

/** One echo reply as iputils ping printed it with {@code -D}. */
public record PingReply(int seq, int ttl, double rttMillis, Instant receivedAt) {
}
