package dev.bastion.tls.connection;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.diag.KeyLog;
import dev.bastion.tls.crypto.TranscriptHash;
import dev.bastion.tls.handshake.Credentials;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.session.SessionContext;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * The connection as its handshaker sees it: {@link HandshakeIo} over the core, kept apart so
 * that the engine cannot call these effects itself. Always used with the connection's lock
 * held (the handshaker runs inside {@code begin}, {@code read} or a delegated task).
 */
final class ConnectionIo implements HandshakeIo {
    private final Connection connection;
    private final Credentials credentials;
    private final SecureRandom random;
    private final KeyLog keyLog;
    private final ConnectionListener listener;

    ConnectionIo(Connection connection, Credentials credentials, SecureRandom random, KeyLog keyLog,
            ConnectionListener listener) {
        this.connection = connection;
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
        connection.send(message);
    }

    @Override
    public void sendCompatibilityCcs() {
        connection.sendCompatibilityCcs();
    }

    @Override
    public void installReadKeys13(TrafficKeys keys) {
        connection.installReadKeys13(keys);
    }

    @Override
    public void installWriteKeys13(TrafficKeys keys) {
        connection.installWriteKeys13(keys);
    }

    @Override
    public void changeCipherSpec12(TrafficKeys writeKeys) {
        connection.changeCipherSpec12(writeKeys);
    }

    @Override
    public void installReadKeys12(TrafficKeys keys) {
        connection.installReadKeys12(keys);
    }

    @Override
    public void warning(AlertDescription description) {
        connection.warning(description);
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
}
