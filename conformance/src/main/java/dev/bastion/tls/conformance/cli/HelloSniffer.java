package dev.bastion.tls.conformance.cli;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a connection's plaintext handshake said, read from the bytes on the wire whatever the
 * provider: the version, suite and key exchange group the server chose (RFC 8446 §4.1.3 and
 * §4.2.8; TLS 1.2 ServerKeyExchange, RFC 8422 §5.4), whether it sent a HelloRetryRequest, and
 * whether the session was resumed: in TLS 1.3 the ServerHello carries pre_shared_key
 * (§4.2.11); in TLS 1.2 the server goes from ServerHello to ChangeCipherSpec without a
 * Certificate (RFC 5246 §7.3, RFC 5077 §3.1). Each direction is read until its first protected
 * record; anything malformed ends the reading of that direction quietly.
 */
public final class HelloSniffer implements WireTap {
    private static final byte[] HRR_RANDOM = java.util.HexFormat.of()
            .parseHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    private final boolean localIsClient;
    private final ClearRecords fromClient = new ClearRecords((type, body) -> { }, type -> { });
    private final ClearRecords fromServer = new ClearRecords(this::serverMessage,
            this::serverClearTextEnds);
    private int version = -1;
    private int suite = -1;
    private int group = -1;
    private boolean helloRetryRequest;
    private boolean serverHello;
    private boolean pskAccepted;
    private boolean serverCertificate;
    private boolean serverChangeCipherSpec;

    public HelloSniffer(boolean localIsClient) {
        this.localIsClient = localIsClient;
    }

    @Override
    public synchronized void bytes(boolean sent, byte[] b, int off, int len) {
        (sent == localIsClient ? fromClient : fromServer).feed(b, off, len);
    }

    /** The negotiated version's wire code ({@code 0x0304}...), -1 before a ServerHello. */
    public synchronized int version() {
        return version;
    }

    /** The suite the server chose, -1 before a ServerHello. */
    public synchronized int suite() {
        return suite;
    }

    /** The key exchange group: TLS 1.3 key_share of the ServerHello, TLS 1.2 ServerKeyExchange curve. */
    public synchronized Optional<Integer> group() {
        return group < 0 ? Optional.empty() : Optional.of(group);
    }

    public synchronized boolean helloRetryRequest() {
        return helloRetryRequest;
    }

    /** Whether the server resumed a session (see the class comment for how that is read). */
    public synchronized boolean resumed() {
        if (version == 0x0304) {
            return pskAccepted;
        }
        return serverHello && serverChangeCipherSpec && !serverCertificate;
    }

    private void serverClearTextEnds(int recordType) {
        serverChangeCipherSpec |= recordType == 20;
    }

    private void serverMessage(int type, ByteBuffer body) {
        if (type == 2) {
            serverHello(body);
        } else if (type == 11 && serverHello) {
            serverCertificate = true;
        } else if (type == 12 && serverHello && body.get() == 3) { // ECCurveType named_curve
            group = u16(body);
        }
    }

    private void serverHello(ByteBuffer b) {
        int legacyVersion = u16(b);
        byte[] random = new byte[32];
        b.get(random);
        int sessionIdLength = b.get() & 0xFF;
        b.position(b.position() + sessionIdLength); // legacy_session_id_echo
        int chosenSuite = u16(b);
        b.get(); // compression
        boolean hrr = Arrays.equals(random, HRR_RANDOM);
        helloRetryRequest |= hrr;
        if (hrr) {
            return;
        }
        serverHello = true;
        version = legacyVersion;
        suite = chosenSuite;
        if (!b.hasRemaining()) {
            return;
        }
        ByteBuffer exts = slice(b, u16(b));
        while (exts.hasRemaining()) {
            int type = u16(exts);
            ByteBuffer data = slice(exts, u16(exts));
            if (type == 43) {
                version = u16(data);
            } else if (type == 51) {
                group = u16(data);
            } else if (type == 41) {
                pskAccepted = true;
            }
        }
    }

    private static int u16(ByteBuffer b) {
        return b.getShort() & 0xFFFF;
    }

    static ByteBuffer slice(ByteBuffer b, int length) {
        if (length > b.remaining()) {
            throw new BufferUnderflowException();
        }
        ByteBuffer s = b.slice();
        s.limit(length);
        b.position(b.position() + length);
        return s;
    }
}
