package dev.bastion.tls.conformance.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;

/** One HTTPS request from a client-mode {@link SSLEngine} to a server on {@code 127.0.0.1}. */
public final class EngineClient {
    /** The session as the client engine saw it, the hellos on the wire, and the whole response. */
    public record Exchange(SessionView session, WireView wire, String response, boolean closeNotifyReceived,
            String note) {
        /** The response body (after the blank line). */
        public String body() {
            int i = response.indexOf("\r\n\r\n");
            return i < 0 ? "" : response.substring(i + 4);
        }
    }

    private EngineClient() {
    }

    /**
     * Connects, handshakes, sends {@code GET /} and reads the response until the server
     * closes; the engine is released through {@code release} (may be null) in all cases.
     * Failures (handshake or later) propagate as the engine's {@code SSLException} or an
     * {@code IOException}.
     */
    public static Exchange get(SSLEngine engine, int port, Consumer<SSLEngine> release) throws IOException {
        return get(engine, port, release, e -> null);
    }

    /** Like {@link #get(SSLEngine, int, Consumer)}; {@code note} reads anything else from the engine right after the handshake. */
    public static Exchange get(SSLEngine engine, int port, Consumer<SSLEngine> release, Function<SSLEngine, String> note)
            throws IOException {
        engine.setUseClientMode(true);
        try (EngineSocket tls = EngineSocket.connect(engine, port, Interop.STEP,
                release == null ? null : () -> release.accept(engine))) {
            tls.handshake();
            SessionView session = SessionView.of(engine);
            String noted = note.apply(engine);
            tls.write("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String response = new String(tls.readAll(1 << 20), StandardCharsets.ISO_8859_1);
            return new Exchange(session, tls.wire(), response, !tls.eofWithoutCloseNotify(), noted);
        }
    }
}
