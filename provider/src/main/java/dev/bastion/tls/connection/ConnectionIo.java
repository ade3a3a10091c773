package dev.bastion.tls.connection;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.diag.KeyLog;
import dev.bastion.tls.crypto.TranscriptHash;
import dev.bastion.tls.handshake.Credentials;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.diag.Trace;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.HandshakeTrace;
import dev.bastion.tls.session.KeyingMaterial;
import dev.bastion.tls.session.SessionContext;
import dev.bastion.tls.record.AlertMessage;
import dev.bastion.tls.record.Tls12AeadProtection;
import dev.bastion.tls.record.Tls13Protection;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * The connection as its handshaker sees it: {@link HandshakeIo} over the core, kept apart so
 * that the engine cannot call these effects itself. Always used with the connection's lock
 * held (the handshaker runs inside {@code begin}, {@code read} or a delegated task). The TLS 1.2
 * effects act on the connection's {@link Outbound} and record reader directly.
 */
final class ConnectionIo implements HandshakeIo {
    private static final Trace TRACE = Trace.get("connection");

    private final Connection connection;
    private final Outbound outbound;
    private final Credentials credentials;
    private final SecureRandom random;
    private final KeyLog keyLog;
    private final ConnectionListener listener;
    /** A no_renegotiation warning went out: a fatal alert that follows is most likely the peer's answer to it. */
    private boolean refusedRenegotiation;

    ConnectionIo(Connection connection, Outbound outbound, Credentials credentials, SecureRandom random, KeyLog keyLog,
            ConnectionListener listener) {
        this.connection = connection;
        this.outbound = outbound;
        this.listener = listener;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.random = Objects.requireNonNull(random, "random");
        this.keyLog = Objects.requireNonNull(keyLog, "keyLog");
    }

    @Override
    public HandshakeConfig config() {
        return connection.config();
    }

    @Override
    public Credentials credentials() {
        return credentials;
    }

    @Override
    public SecureRandom random() {
        return random;
    }

    @Override
    public TranscriptHash transcript() {
        return connection.transcript();
    }

    @Override
    public void send(HandshakeMessage message) {
        byte[] framed = HandshakeMessage.frame(message);
        if (!connection.complete()) { // post-handshake messages (KeyUpdate) are not part of the transcript
            connection.transcript().update(framed);
        }
        outbound.handshake(framed);
        HandshakeTrace.sent(connection.client(), message);
        TRACE.trace(() -> "queued " + message.type() + " (" + framed.length + " bytes)");
    }

    @Override
    public void limitFragments(int bytes) {
        outbound.limitFragments(bytes);
    }

    @Override
    public void sendCompatibilityCcs() {
        outbound.changeCipherSpec();
    }

    @Override
    public void installReadKeys13(TrafficKeys keys) {
        // RFC 8446 §5.1: handshake messages must not span a key change
        connection.assembler().requireEmpty("key change");
        connection.reader().setProtection(new Tls13Protection(keys));
    }

    @Override
    public void installWriteKeys13(TrafficKeys keys) {
        outbound.keyChange(new Tls13Protection(keys));
    }

    /** The change_cipher_spec record, then everything after it under {@code writeKeys}. */
    @Override
    public void changeCipherSpec12(TrafficKeys writeKeys) {
        outbound.changeCipherSpec();
        outbound.keyChange(new Tls12AeadProtection(writeKeys));
    }

    @Override
    public void installReadKeys12(TrafficKeys keys) {
        // RFC 5246 §7.1: the CCS is a record of its own; a handshake message cannot span it
        connection.assembler().requireEmpty("key change");
        connection.reader().setProtection(new Tls12AeadProtection(keys));
    }

    @Override
    public void warning(AlertDescription description) {
        refusedRenegotiation |= description == AlertDescription.NO_RENEGOTIATION;
        outbound.alert(AlertMessage.warning(description));
    }

    /** Whether this side has refused a renegotiation (sent no_renegotiation). */
    boolean refusedRenegotiation() {
        return refusedRenegotiation;
    }

    @Override
    public void keyLog(String label, byte[] clientRandom, byte[] secret) {
        keyLog.log(label, clientRandom, secret);
    }

    @Override
    public void handshakeSession(Negotiated sofar) {
        connection.handshakeSession(sofar);
    }

    @Override
    public void complete(Negotiated result) {
        connection.complete(result);
    }

    @Override
    public Optional<SessionContext> sessions() {
        return Optional.ofNullable(listener.sessionContext());
    }

    @Override
    public void skipEarlyData() {
        connection.skipEarlyData();
    }

    @Override
    public void keyingMaterial(KeyingMaterial exporter, byte[] material) {
        listener.keyingMaterial(exporter, material);
    }
}
