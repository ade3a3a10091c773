package dev.bastion.tls.handshake;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.crypto.TranscriptHash;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.session.SessionContext;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A recording {@link HandshakeIo}: what is sent goes to {@link #outbox} with the write keys in
 * force at that moment (null: plaintext), installed keys and key-log lines are kept in order,
 * and so are the sessions reported.
 */
public final class TestIo implements HandshakeIo {

    /**
     * One queued record's content: a handshake message, or a change_cipher_spec (the TLS 1.3
     * compatibility one, or TLS 1.2's); {@code keys} are the write keys it is sent under (null:
     * plaintext).
     */
    public record Outgoing(HandshakeMessage message, byte[] encoding, TrafficKeys keys) {
        public boolean isCcs() {
            return message == null;
        }

        @Override
        public String toString() {
            return (isCcs() ? "CCS" : message.type().messageName()) + (keys == null ? "" : " (protected)");
        }
    }

    private final HandshakeConfig config;
    private final Credentials credentials;
    private final SecureRandom random;
    private final TranscriptHash transcript = new TranscriptHash();

    public final List<Outgoing> outbox = new ArrayList<>();
    public final List<TrafficKeys> readKeys = new ArrayList<>();
    public final List<TrafficKeys> writeKeys = new ArrayList<>();
    public final Map<String, byte[]> keyLog = new LinkedHashMap<>();
    public final List<byte[]> keyLogRandoms = new ArrayList<>();
    public final List<Negotiated> sessions = new ArrayList<>();
    public final List<Negotiated> completions = new ArrayList<>();
    public final List<AlertDescription> warnings = new ArrayList<>();
    /** The session context handshakes resume through; null for none. */
    public SessionContext sessionContext;
    /** How many times the handshake asked for early data to be skipped. */
    public int earlyDataSkips;
    /** The fragment limits the handshake asked for ({@link #limitFragments}), in order. */
    public final List<Integer> fragmentLimits = new ArrayList<>();
    /** Rewrites each message this side sends before it is hashed and queued (a peer that sends something else). */
    public java.util.function.UnaryOperator<HandshakeMessage> beforeSend = java.util.function.UnaryOperator.identity();

    public TestIo(HandshakeConfig config, Credentials credentials, SecureRandom random) {
        this.config = config;
        this.credentials = credentials;
        this.random = random;
    }

    public TestIo(HandshakeConfig config, Credentials credentials) {
        this(config, credentials, new SecureRandom());
    }

    @Override
    public HandshakeConfig config() {
        return config;
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
        return transcript;
    }

    @Override
    public void send(HandshakeMessage sent) {
        HandshakeMessage message = beforeSend.apply(sent);
        byte[] encoding = message.encoding();
        transcript.update(encoding);
        outbox.add(new Outgoing(message, encoding, currentWrite()));
    }

    @Override
    public void limitFragments(int bytes) {
        fragmentLimits.add(bytes);
    }

    @Override
    public void sendCompatibilityCcs() {
        outbox.add(new Outgoing(null, new byte[] {1}, currentWrite()));
    }

    @Override
    public void installReadKeys13(TrafficKeys keys) {
        readKeys.add(keys);
    }

    @Override
    public void installWriteKeys13(TrafficKeys keys) {
        writeKeys.add(keys);
    }

    /** TLS 1.2: the CCS under the current keys, then {@code keys} (copied: the caller may wipe them). */
    @Override
    public void changeCipherSpec12(TrafficKeys keys) {
        outbox.add(new Outgoing(null, new byte[] {1}, currentWrite()));
        writeKeys.add(copy(keys));
    }

    @Override
    public void installReadKeys12(TrafficKeys keys) {
        readKeys.add(copy(keys));
    }

    @Override
    public void warning(AlertDescription description) {
        warnings.add(description);
    }

    private static TrafficKeys copy(TrafficKeys k) {
        return new TrafficKeys(k.aead(), k.key().clone(), k.iv().clone());
    }

    @Override
    public void keyLog(String label, byte[] clientRandom, byte[] secret) {
        if (keyLog.put(label, secret.clone()) != null) {
            throw new AssertionError("key log label " + label + " written twice");
        }
        keyLogRandoms.add(clientRandom.clone());
    }

    @Override
    public void handshakeSession(Negotiated sofar) {
        sessions.add(sofar);
    }

    @Override
    public void complete(Negotiated result) {
        completions.add(result);
    }

    @Override
    public Optional<SessionContext> sessions() {
        return Optional.ofNullable(sessionContext);
    }

    @Override
    public void skipEarlyData() {
        earlyDataSkips++;
    }

    /** This side with {@code context} (a fresh one when null) for resumption. */
    public TestIo with(SessionContext context) {
        sessionContext = context;
        return this;
    }

    public TrafficKeys currentRead() {
        return readKeys.isEmpty() ? null : readKeys.get(readKeys.size() - 1);
    }

    public TrafficKeys currentWrite() {
        return writeKeys.isEmpty() ? null : writeKeys.get(writeKeys.size() - 1);
    }

    /** The one completion; fails unless {@link #complete} was called exactly once. */
    public Negotiated completed() {
        if (completions.size() != 1) {
            throw new AssertionError("complete() called " + completions.size() + " times");
        }
        return completions.get(0);
    }

    /** The messages sent so far (no CCS), by type name. */
    public List<String> sentTypes() {
        return outbox.stream().map(Outgoing::toString).toList();
    }
}
