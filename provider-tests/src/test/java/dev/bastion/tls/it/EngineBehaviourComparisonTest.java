package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.bastion.tls.it.support.EngineScript;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same script, run on a SunJSSE client and server and on a Bastion client and server
 * (real contexts, real handshakes, TLS 1.3 and TLS 1.2), gives the same log, call by call:
 * result status, handshake status, bytes consumed and produced, exception classes (and the
 * alert a received fatal alert names), {@code isInboundDone}/{@code isOutboundDone}. Closing
 * (with and without close_notify, before, during and after the handshake), a tampered record,
 * BUFFER_OVERFLOW and BUFFER_UNDERFLOW, and one record per unwrap. Handshake records differ in
 * size between the providers (certificates, extensions), so scripts log byte counts only after
 * the handshake, where both send the same records.
 *
 * <p>Where the providers legitimately differ the test names the difference ({@link Difference})
 * and applies it to SunJSSE's log only after checking that the log shows it; the README lists
 * them.
 */
class EngineBehaviourComparisonTest {
    static final String TLS13_SUITE = "TLS_AES_128_GCM_SHA256";
    static final String TLS12_SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

    /** A script: drives one provider's engines and leaves what it saw in the log. */
    interface Script {
        void run(EngineScript s) throws Exception;
    }

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> out = Stream.builder();
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
            out.add(Arguments.of("closeOutboundAfterHandshake", protocol));
            out.add(Arguments.of("closeInboundWithoutCloseNotify", protocol));
            out.add(Arguments.of("closeOutboundDuringHandshake", protocol));
            out.add(Arguments.of("closeBeforeHandshake", protocol));
            out.add(Arguments.of("peerCancelsDuringHandshake", protocol));
            out.add(Arguments.of("closeInboundThenBegin", protocol));
            out.add(Arguments.of("tamperedRecord", protocol));
            out.add(Arguments.of("buffers", protocol));
            out.add(Arguments.of("oneRecordPerUnwrap", protocol));
        }
        return out.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void sameAnswersAsSunJsse(String scenario, String protocol) throws Exception {
        Script script = script(scenario);
        String suite = protocol.equals("TLSv1.3") ? TLS13_SUITE : TLS12_SUITE;
        EngineScript sun = EngineScript.of("SunJSSE", protocol, suite);
        script.run(sun);
        EngineScript bastion = EngineScript.of("Bastion", protocol, suite);
        script.run(bastion);
        List<String> expected = sun.log;
        for (Difference d : Difference.values()) {
            if (d.protocol.equals(protocol)) {
                List<String> changed = d.applyTo(expected);
                if (d.visibleIn.contains(scenario)) {
                    assertNotEquals(expected, changed, d + " must show in SunJSSE's log");
                } else {
                    assertEquals(expected, changed, d + " does not apply to " + scenario);
                }
                expected = changed;
            }
        }
        assertEquals(String.join("\n", expected), String.join("\n", bastion.log), "SunJSSE (expected) and Bastion (actual)");
    }

    /**
     * Where SunJSSE 17 and Bastion legitimately differ; each rewrites SunJSSE's log into what
     * Bastion must show instead. The README lists them.
     */
    enum Difference {
        /**
         * SunJSSE 17 pads every TLS 1.3 record with 16 zero bytes and keeps the content within
         * 2^14 bytes, so a record carries at most 16,367 application bytes; Bastion sends no
         * padding (RFC 8446 §5.4 leaves padding to the sender) and fills a record with 16,384
         * (content 2^14 + 1, the limit of §5.2). Every TLS 1.3 record on the wire is 16 bytes
         * shorter, a full one carries 17 more application bytes.
         */
        TLS13_RECORD_PADDING("TLSv1.3", "closeOutboundAfterHandshake", "tamperedRecord", "buffers",
                "oneRecordPerUnwrap") {
            @Override
            String rewrite(String line, boolean wrap, int app, int wire) {
                if (wire - app < 5 + 1 + 16 + 16) { // not a protected record: the ClientHello's alerts
                    return line;
                }
                int[] bastion = app == 16_367 ? new int[] {16_384, wire - 16 + 17} : new int[] {app, wire - 16};
                return COUNTS.matcher(line).replaceFirst("consumed=" + (wrap ? bastion[0] : bastion[1]) + " produced="
                        + (wrap ? bastion[1] : bastion[0]));
            }
        },
        /**
         * A TLS 1.3 client that cancels before the ServerHello arrived has no handshake keys, so
         * its user_canceled goes out in plaintext. SunJSSE 17's server, which has installed the
         * client's handshake keys by then, refuses that record with an SSLHandshakeException
         * (SunJSSE 25: an SSLProtocolException);
         * Bastion's takes a plaintext alert until the client's first protected record, so the
         * close_notify that follows ends both sides cleanly, as in TLS 1.2.
         */
        TLS13_PLAINTEXT_CANCEL("TLSv1.3", "peerCancelsDuringHandshake") {
            @Override
            String rewrite(String line, boolean wrap, int app, int wire) {
                return line;
            }

            @Override
            String rewrite(String line) {
                return line.matches("S unwrap alert !! javax\\.net\\.ssl\\.SSL(Handshake|Protocol)Exception \\| NEED_WRAP in=true out=false")
                        ? "S unwrap alert -> OK/NEED_UNWRAP | NEED_UNWRAP in=false out=false" : line;
            }
        };

        private static final Pattern COUNTS = Pattern.compile("consumed=(\\d+) produced=(\\d+)");
        final String protocol;
        final List<String> visibleIn;

        Difference(String protocol, String... visibleIn) {
            this.protocol = protocol;
            this.visibleIn = List.of(visibleIn);
        }

        /** A log line with byte counts, rewritten; {@code app} and {@code wire} are its application and record bytes. */
        abstract String rewrite(String line, boolean wrap, int app, int wire);

        /** A log line without byte counts, rewritten (by default, unchanged). */
        String rewrite(String line) {
            return line;
        }

        List<String> applyTo(List<String> log) {
            List<String> out = new ArrayList<>();
            for (String line : log) {
                Matcher m = COUNTS.matcher(line);
                if (!m.find()) {
                    out.add(rewrite(line));
                    continue;
                }
                boolean wrap = line.substring(2).startsWith("wrap");
                int consumed = Integer.parseInt(m.group(1));
                int produced = Integer.parseInt(m.group(2));
                out.add(rewrite(line, wrap, wrap ? consumed : produced, wrap ? produced : consumed));
            }
            return out;
        }
    }

    private static Script script(String name) {
        switch (name) {
            case "closeOutboundAfterHandshake": return EngineBehaviourComparisonTest::closeOutboundAfterHandshake;
            case "closeInboundWithoutCloseNotify": return EngineBehaviourComparisonTest::closeInboundWithoutCloseNotify;
            case "closeOutboundDuringHandshake": return EngineBehaviourComparisonTest::closeOutboundDuringHandshake;
            case "closeBeforeHandshake": return EngineBehaviourComparisonTest::closeBeforeHandshake;
            case "peerCancelsDuringHandshake": return EngineBehaviourComparisonTest::peerCancelsDuringHandshake;
            case "closeInboundThenBegin": return EngineBehaviourComparisonTest::closeInboundThenBegin;
            case "tamperedRecord": return EngineBehaviourComparisonTest::tamperedRecord;
            case "buffers": return EngineBehaviourComparisonTest::buffers;
            case "oneRecordPerUnwrap": return EngineBehaviourComparisonTest::oneRecordPerUnwrap;
            default: throw new IllegalArgumentException(name);
        }
    }

    private static final byte[] NOTHING = new byte[0];

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The client closes its side with close_notify; the server reads it, answers, closes too. */
    static void closeOutboundAfterHandshake(EngineScript s) throws Exception {
        s.handshake();
        SSLEngine c = s.client;
        SSLEngine v = s.server;
        c.closeOutbound();
        s.note(c, "closeOutbound");
        s.wrap(c, NOTHING);
        s.wrap(c, NOTHING);
        s.unwrap(v);
        s.unwrap(v);
        s.wrap(v, ascii("still open?"));
        s.log.add("C got " + new String(s.unwrap(c), StandardCharsets.US_ASCII));
        v.closeOutbound();
        s.note(v, "closeOutbound");
        s.wrap(v, NOTHING);
        s.wrap(v, NOTHING);
        s.unwrap(c);
        s.unwrap(c);
        s.wrap(c, NOTHING);
    }

    /** closeInbound without the peer's close_notify: a possible truncation attack. */
    static void closeInboundWithoutCloseNotify(EngineScript s) throws Exception {
        s.handshake();
        SSLEngine c = s.client;
        s.call(c, "closeInbound", c::closeInbound);
        s.call(c, "closeInbound again", c::closeInbound);
        s.wrap(c, NOTHING);
        s.wrap(c, NOTHING);
        s.unwrap(s.server);
        s.unwrap(s.server);
        s.wrap(s.server, NOTHING);
    }

    /** closeOutbound after the ClientHello went out. */
    static void closeOutboundDuringHandshake(EngineScript s) throws Exception {
        SSLEngine c = s.client;
        c.beginHandshake();
        s.note(c, "beginHandshake");
        ByteBuffer hello = ByteBuffer.allocate(1 << 16);
        SSLEngineResult r = c.wrap(ByteBuffer.allocate(0), hello);
        s.log.add("C wrap ClientHello -> " + r.getStatus() + "/" + r.getHandshakeStatus() + " | " + EngineScript.flags(c));
        c.closeOutbound();
        s.note(c, "closeOutbound");
        s.wrap(c, NOTHING);
        s.wrap(c, NOTHING);
        s.wrap(c, NOTHING);
    }

    /**
     * The client cancels after its ClientHello (closeOutbound: user_canceled, then close_notify).
     * The server answers the ClientHello, then reads both alerts: a close_notify after
     * user_canceled closes both of its sides, without an exception, and it answers with its own
     * close_notify. Handshake records differ in size between the providers, so this log keeps
     * statuses only.
     */
    static void peerCancelsDuringHandshake(EngineScript s) throws Exception {
        SSLEngine c = s.client;
        SSLEngine v = s.server;
        c.beginHandshake();
        statusOnly(s, c, "wrap ClientHello", () -> c.wrap(ByteBuffer.allocate(0), s.c2s));
        c.closeOutbound();
        s.note(c, "closeOutbound");
        statusOnly(s, c, "wrap", () -> c.wrap(ByteBuffer.allocate(0), s.c2s));
        statusOnly(s, c, "wrap", () -> c.wrap(ByteBuffer.allocate(0), s.c2s));
        // the server reads the ClientHello only, answers it, then reads the alerts one call each
        ByteBuffer wire = s.c2s.flip();
        int alerts = wire.limit() - 2 * 7; // the two alerts are 7-byte plaintext records at the end
        ByteBuffer hello = wire.duplicate().limit(alerts);
        ByteBuffer app = ByteBuffer.allocate(1 << 16);
        statusOnly(s, v, "unwrap ClientHello", () -> v.unwrap(hello, app));
        s.tasks(v);
        for (int i = 0; i < 4 && v.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP; i++) {
            statusOnly(s, v, "wrap", () -> v.wrap(ByteBuffer.allocate(0), s.s2c));
        }
        wire.position(hello.position());
        for (int i = 0; i < 2; i++) {
            statusOnly(s, v, "unwrap alert", () -> v.unwrap(wire, app));
        }
        statusOnly(s, v, "wrap", () -> v.wrap(ByteBuffer.allocate(0), s.s2c));
        statusOnly(s, v, "wrap", () -> v.wrap(ByteBuffer.allocate(0), s.s2c));
    }

    /** Logs the call's status and handshake status (no byte counts) and the engine's flags, or its exception. */
    private static void statusOnly(EngineScript s, SSLEngine e, String label,
            java.util.concurrent.Callable<SSLEngineResult> call) {
        String who = e == s.client ? "C" : "S";
        try {
            SSLEngineResult r = call.call();
            s.log.add(who + " " + label + " -> " + r.getStatus() + "/" + r.getHandshakeStatus() + " | "
                    + EngineScript.flags(e));
        } catch (Exception x) {
            s.log.add(who + " " + label + " !! " + x.getClass().getName() + " | " + EngineScript.flags(e));
        }
    }

    /**
     * closeInbound on an engine that never started, then beginHandshake: the handshake can never
     * run, so the engine is done both ways and wrap says CLOSED (an application that wraps until
     * isOutboundDone must not spin).
     */
    static void closeInboundThenBegin(EngineScript s) throws Exception {
        SSLEngine c = s.client;
        s.call(c, "closeInbound", c::closeInbound);
        s.call(c, "beginHandshake", c::beginHandshake);
        s.wrap(c, NOTHING);
        s.wrap(c, NOTHING);
        s.unwrap(c);
    }

    /** Closing engines that never started. */
    static void closeBeforeHandshake(EngineScript s) throws Exception {
        SSLEngine c = s.client;
        c.closeOutbound();
        s.note(c, "closeOutbound");
        s.wrap(c, NOTHING);
        s.call(c, "closeInbound", c::closeInbound);
        s.unwrap(c);
        s.call(c, "beginHandshake", c::beginHandshake);
        s.call(s.server, "closeInbound", s.server::closeInbound);
        s.wrap(s.server, NOTHING);
        s.wrap(s.server, NOTHING);
    }

    /** One bit of an application data record flipped on the way: bad_record_mac, then both sides are done. */
    static void tamperedRecord(EngineScript s) throws Exception {
        s.handshake();
        s.wrap(s.client, ascii("hello"));
        s.c2s.put(s.c2s.position() - 3, (byte) (s.c2s.get(s.c2s.position() - 3) ^ 1));
        s.unwrap(s.server);
        s.unwrap(s.server);
        s.wrap(s.server, NOTHING);
        s.wrap(s.server, NOTHING);
        s.wrap(s.server, ascii("more"));
        s.unwrap(s.client);
        s.unwrap(s.client);
        s.wrap(s.client, NOTHING);
        s.wrap(s.client, ascii("more"));
    }

    /** BUFFER_OVERFLOW and BUFFER_UNDERFLOW, on wrap and unwrap, and the record sizes. */
    static void buffers(EngineScript s) throws Exception {
        s.handshake();
        SSLEngine c = s.client;
        SSLEngine v = s.server;
        s.wrap(c, ByteBuffer.allocate(10), ByteBuffer.allocate(0), "wrap 10 into 0");
        s.wrap(c, ByteBuffer.allocate(10), ByteBuffer.allocate(20), "wrap 10 into 20");
        s.wrap(c, ByteBuffer.allocate(40_000), s.c2s, "wrap 40000");
        s.wrap(c, ByteBuffer.allocate(100), s.c2s, "wrap 100");
        ByteBuffer whole = s.c2s.duplicate();
        ByteBuffer part = ByteBuffer.allocate(10);
        whole.flip();
        whole.limit(10);
        part.put(whole);
        s.unwrap(v, part, new ByteBuffer[] {ByteBuffer.allocate(1 << 16)}, "unwrap first 10 bytes");
        s.unwrap(v, ByteBuffer.allocate(0), new ByteBuffer[] {ByteBuffer.allocate(1 << 16)}, "unwrap nothing");
        s.unwrap(v, ByteBuffer.allocate(0), "unwrap into 0");
        // room for the record's content: what is inside its protection, the inner content type
        // (and TLS 1.3 padding) included (RFC 8446 §5.2); tag 16 bytes, TLS 1.2 GCM nonce 8
        int record = ((s.c2s.get(3) & 0xff) << 8) | (s.c2s.get(4) & 0xff);
        int content = record - 16 - (s.client.getSession().getProtocol().equals("TLSv1.2") ? 8 : 0);
        s.unwrap(v, ByteBuffer.allocate(content - 1), "unwrap into content-1");
        s.unwrap(v, ByteBuffer.allocate(content), "unwrap into content");
        s.unwrap(v, s.c2s, new ByteBuffer[] {ByteBuffer.allocate(60), ByteBuffer.allocate(60)}, "unwrap into 60+60");
        s.log.add("S left " + s.c2s.position());
    }

    /** Three records in one buffer: each unwrap reads one, however much room there is. */
    static void oneRecordPerUnwrap(EngineScript s) throws Exception {
        s.handshake();
        s.wrap(s.client, ascii("a"));
        s.wrap(s.client, ascii("bb"));
        s.wrap(s.client, ascii("ccc"));
        for (int i = 0; i < 4; i++) {
            s.log.add("S got '" + new String(s.unwrap(s.server), StandardCharsets.US_ASCII) + "'");
        }
        s.wrap(s.server, new byte[20_000]);
        s.wrap(s.server, new byte[3]);
        ByteBuffer app = ByteBuffer.allocate(1 << 16);
        s.unwrap(s.client, app, "unwrap");
        s.unwrap(s.client, app, "unwrap");
        s.unwrap(s.client, app, "unwrap");
    }
}
