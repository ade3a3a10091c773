package dev.bastion.tls.handshake;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A SecureRandom that hands out scripted bytes first (each {@link #nextBytes} call takes the
 * next scripted chunk, which must have exactly the requested length), then real randomness.
 * Replays inject an RFC trace's randoms and private keys with it, relying on the order in
 * which the handshake draws randomness (documented on {@code Tls13Client} and {@code Tls13Server}).
 */
public final class ScriptedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    private final transient Deque<byte[]> script = new ArrayDeque<>();
    private final transient SecureRandom rest = new SecureRandom();

    public ScriptedRandom(byte[]... chunks) {
        for (byte[] c : chunks) {
            script.add(c.clone());
        }
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        byte[] next = script.poll();
        if (next == null) {
            rest.nextBytes(bytes);
            return;
        }
        if (next.length != bytes.length) {
            throw new IllegalStateException("scripted chunk of " + next.length + " bytes, but " + bytes.length
                    + " were asked for: the handshake draws randomness in another order than the script");
        }
        System.arraycopy(next, 0, bytes, 0, bytes.length);
    }

    /** Whether every scripted chunk was used. */
    public synchronized boolean exhausted() {
        return script.isEmpty();
    }
}
