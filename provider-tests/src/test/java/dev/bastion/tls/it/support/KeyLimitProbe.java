package dev.bastion.tls.it.support;

import dev.bastion.tls.it.support.Credentials.KeyType;
import java.nio.ByteBuffer;
import java.security.Security;
import java.util.Arrays;
import java.util.Random;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;

/**
 * Run by {@code KeyLimitTest} in a JVM whose {@code jdk.tls.keyLimits} security property is
 * small (SunJSSE reads it once per JVM): TLS 1.3 engine pairs send data one way, first less
 * than the limit, then several times the limit, and the probe counts the KeyUpdates on the
 * wire. Prints {@code key=value} lines, keys {@code <client>-<server>-<suite>-<direction>.<what>}.
 *
 * <p>A KeyUpdate is told from application data by what the receiving engine makes of the
 * record: it consumes one record, produces no application data and the connection stays open
 * (after the handshake and its tickets the only such record is a KeyUpdate). Bastion's is 27
 * bytes (header 5, KeyUpdate message 5, content type 1, tag 16; RFC 8446 §5.2, §4.6.3: no
 * padding), SunJSSE 17's 43; the sizes are printed ({@code .sizes}). The sender wraps all its
 * data before the receiver reads anything, so every KeyUpdate in its stream is its own doing:
 * its write key reached the limit. KeyUpdates that answer the receiver's update_requested
 * (sent when its read key reached the limit) come in the next transfer ({@code .after}).
 */
public final class KeyLimitProbe {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private KeyLimitProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("keyLimits=" + Security.getProperty("jdk.tls.keyLimits"));
        int below = Integer.parseInt(args[0]);
        int above = Integer.parseInt(args[1]);
        String[][] pairs = {{"Bastion", "Bastion"}, {"Bastion", "SunJSSE"}, {"SunJSSE", "Bastion"}};
        for (String[] pair : pairs) {
            for (String suite : new String[] {"TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256"}) {
                for (boolean fromClient : new boolean[] {true, false}) {
                    String key = pair[0] + "-" + pair[1] + "-" + suite + "-" + (fromClient ? "c2s" : "s2c");
                    try {
                        run(key, pair[0], pair[1], suite, fromClient, below, above);
                    } catch (Exception | AssertionError e) {
                        System.out.println(key + ".error=" + e);
                    }
                }
            }
        }
        System.out.println("done=true");
    }

    private static void run(String key, String clientProvider, String serverProvider, String suite, boolean fromClient,
            int below, int above) throws Exception {
        SSLEngine client = Credentials.get().context(clientProvider, null, false).createSSLEngine("localhost", 443);
        SSLEngine server = Credentials.get().context(serverProvider, KeyType.EC_P256, true).createSSLEngine();
        for (SSLEngine e : new SSLEngine[] {client, server}) {
            e.setEnabledProtocols(new String[] {"TLSv1.3"});
            e.setEnabledCipherSuites(new String[] {suite});
        }
        new EnginePair(client, server).handshake();
        SSLEngine from = fromClient ? client : server;
        SSLEngine to = fromClient ? server : client;
        Random random = new Random(7);
        java.util.Set<Integer> sizes = new java.util.TreeSet<>();
        System.out.println(key + ".below=" + transfer(from, to, random, below, sizes));
        System.out.println(key + ".above=" + transfer(from, to, random, above, sizes));
        System.out.println(key + ".sizes=" + sizes);
        // data keeps flowing both ways on the updated keys
        java.util.Set<Integer> ignored = new java.util.HashSet<>();
        System.out.println(key + ".after=" + transfer(from, to, random, 1000, ignored) + ","
                + transfer(to, from, random, 1000, ignored));
    }

    /**
     * Sends {@code n} random bytes from {@code from} to {@code to}; returns the number of
     * KeyUpdate records {@code from} sent (their sizes go to {@code sizes}), or fails when the
     * data does not arrive intact. An engine that must answer a KeyUpdate (update_requested)
     * does so, and its peer reads it.
     */
    static int transfer(SSLEngine from, SSLEngine to, Random random, int n, java.util.Set<Integer> sizes)
            throws Exception {
        byte[] data = new byte[n];
        random.nextBytes(data);
        ByteBuffer src = ByteBuffer.wrap(data);
        ByteBuffer wire = ByteBuffer.allocate(n + 64 * 1024);
        while (src.hasRemaining() || from.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            check(from.wrap(src, wire), "wrap");
            runTasks(from);
        }
        wire.flip();
        ByteBuffer app = ByteBuffer.allocate(n + 64 * 1024);
        int keyUpdates = 0;
        while (wire.hasRemaining()) {
            SSLEngineResult r = check(to.unwrap(wire, app), "unwrap");
            runTasks(to);
            if (r.bytesProduced() == 0) {
                if (r.bytesConsumed() == 0 || to.isInboundDone()) {
                    throw new AssertionError("a record without application data that is no KeyUpdate: " + r);
                }
                sizes.add(r.bytesConsumed());
                keyUpdates++;
            }
            answer(to, from);
        }
        app.flip();
        byte[] got = new byte[app.remaining()];
        app.get(got);
        if (!Arrays.equals(data, got)) {
            throw new AssertionError("the data did not arrive intact: sent " + n + " bytes, got " + got.length);
        }
        return keyUpdates;
    }

    /** Whatever {@code e} wants to send now (a KeyUpdate answering update_requested) goes to {@code peer}. */
    private static void answer(SSLEngine e, SSLEngine peer) throws Exception {
        if (e.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
            return;
        }
        ByteBuffer back = ByteBuffer.allocate(64 * 1024);
        while (e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            check(e.wrap(EMPTY, back), "answer wrap");
        }
        back.flip();
        ByteBuffer none = ByteBuffer.allocate(64 * 1024);
        while (back.hasRemaining()) {
            check(peer.unwrap(back, none), "answer unwrap");
            runTasks(peer);
        }
        if (none.position() != 0) {
            throw new AssertionError("application data in an answer");
        }
    }

    private static SSLEngineResult check(SSLEngineResult r, String what) {
        if (r.getStatus() != Status.OK) {
            throw new AssertionError(what + ": " + r);
        }
        return r;
    }

    private static void runTasks(SSLEngine e) {
        for (Runnable t = e.getDelegatedTask(); t != null; t = e.getDelegatedTask()) {
            t.run();
        }
    }
}
