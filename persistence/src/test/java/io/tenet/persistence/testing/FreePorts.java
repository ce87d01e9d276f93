package io.tenet.persistence.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loopback TCP ports that are free at the moment of the call, for processes a test starts.
 *
 * <p>They are picked below Linux's ephemeral range (32768-60999): a port the kernel hands out as
 * free is an ephemeral one, and any outgoing connection on the machine may take it as its source
 * port before the test's process binds it (a node then failed with "Address already in use").
 * Ports are never handed out twice by one JVM.
 */
public final class FreePorts {
    private static final int LOWEST = 10_000;
    private static final int HIGHEST = 32_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final Random RANDOM = new Random();

    private FreePorts() {
    }

    /** {@code count} distinct ports nobody listens on now. */
    public static int[] take(int count) {
        int[] ports = new int[count];
        int found = 0;
        for (int attempt = 0; found < count; attempt++) {
            if (attempt > 100_000) throw new IllegalStateException("no free port between " + LOWEST + " and " + HIGHEST);
            int port = LOWEST + RANDOM.nextInt(HIGHEST - LOWEST);
            if (!HANDED_OUT.add(port)) continue;
            if (!isFree(port)) continue;
            ports[found++] = port;
        }
        return ports;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
