package dev.bastion.tls.conformance.interop;

import dev.bastion.tls.conformance.cli.TlsConnection;
import dev.bastion.tls.conformance.cli.WireTap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLEngine;

/**
 * Drives any {@link SSLEngine} over a plain blocking {@link Socket} for the interop tests: the
 * command-line tool's {@link TlsConnection} (handshake loop, application data both ways, an
 * orderly close, alerts flushed before an engine error is rethrown, socket timeouts and a
 * handshake deadline so nothing can hang), plus what the tests need on top: every byte that
 * crosses the socket shown to a {@link WireView}, which reads the hellos independently of the
 * engine; whether the stream ended without close_notify; and a hook run on close.
 */
public final class EngineSocket implements AutoCloseable {
    private final TlsConnection connection;
    private final WireView wire;
    private final Runnable onClose;
    private boolean eofWithoutCloseNotify;

    private EngineSocket(TlsConnection connection, WireView wire, Runnable onClose) {
        this.connection = connection;
        this.wire = wire;
        this.onClose = onClose;
    }

    /** Connects to {@code 127.0.0.1:port} and wraps the connection (client engine). */
    public static EngineSocket connect(SSLEngine engine, int port, Duration timeout, Runnable onClose) throws IOException {
        WireView wire = new WireView();
        return new EngineSocket(TlsConnection.connect(engine, Interop.LOOPBACK, port, timeout, tap(engine, wire)),
                wire, onClose);
    }

    /** Wraps an accepted connection (server engine). */
    public static EngineSocket accept(SSLEngine engine, Socket accepted, Duration timeout, Runnable onClose)
            throws IOException {
        WireView wire = new WireView();
        return new EngineSocket(TlsConnection.accept(engine, accepted, timeout, tap(engine, wire)), wire, onClose);
    }

    /** Bytes this side sent come from the client when the engine is in client mode. */
    private static WireTap tap(SSLEngine engine, WireView wire) {
        return (sent, b, off, len) -> {
            if (sent == engine.getUseClientMode()) {
                wire.fromClient(b, off, len);
            } else {
                wire.fromServer(b, off, len);
            }
        };
    }

    public SSLEngine engine() {
        return connection.engine();
    }

    /** The hellos as they crossed the wire. */
    public WireView wire() {
        return wire;
    }

    /** True when the peer closed the TCP connection without sending close_notify first. */
    public boolean eofWithoutCloseNotify() {
        return eofWithoutCloseNotify;
    }

    /** Runs the handshake to completion or throws (SSLException from the engine, or an IOException). */
    public void handshake() throws IOException {
        connection.handshake();
    }

    /** Sends application data. */
    public void write(byte[] data) throws IOException {
        connection.write(data, 0, data.length);
    }

    /**
     * Reads application data into {@code dst}; returns the count, or -1 at the end of the
     * stream (peer's close_notify, or a TCP close without it: see {@link #eofWithoutCloseNotify()}).
     */
    public int read(byte[] dst) throws IOException {
        int n = connection.read(dst, 0, dst.length);
        if (n < 0 && !connection.closeNotifyReceived()) {
            eofWithoutCloseNotify = true;
        }
        return n;
    }

    /** Reads until the end of the stream, at most {@code max} bytes. */
    public byte[] readAll(int max) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while (all.size() < max && (n = read(buf)) >= 0) {
            all.write(buf, 0, n);
        }
        return all.toByteArray();
    }

    /** Reads until {@code terminator} has been received (or the stream ends), at most {@code max} bytes. */
    public String readUntil(String terminator, int max) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buf = new byte[1024];
        int n;
        while (text.indexOf(terminator) < 0 && text.length() < max && (n = read(buf)) >= 0) {
            text.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
        return text.toString();
    }

    /** Sends close_notify (best effort) and closes the socket; then runs the close hook. */
    @Override
    public void close() {
        try {
            connection.close();
        } finally {
            if (onClose != null) {
                onClose.run();
            }
        }
    }
}
