package dev.bastion.tls.handshake;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.crypto.TranscriptHash;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.session.KeyingMaterial;
import dev.bastion.tls.session.SessionContext;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The whole vocabulary of effects a handshake state may cause (MODELS.md §5.2). States never
 * see records, sockets or the application's buffers; the connection core implements this,
 * and tests implement it with a recorder.
 *
 * <p>Transcript rule (Go's chokepoint habit): {@link #send} adds the message it sends, and the
 * connection adds every received message before handing it to a state. A state that needs
 * the hash <em>before</em> a message (CertificateVerify, Finished) takes it from
 * {@link #transcript()} while handling the previous message and carries it in a field.
 *
 * <p>TLS 1.2 (RFC 5246 §7.1): the pending keys become current at ChangeCipherSpec. A state
 * sends its CCS and switches its write keys in one step with {@link #changeCipherSpec12};
 * when the peer's CCS record arrives the connection calls
 * {@link Handshaker#changeCipherSpec}, and the state that awaits it installs the peer's keys
 * with {@link #installReadKeys12}. The TLS 1.3 and TLS 1.2 key calls are never mixed in one
 * handshake.
 */
public interface HandshakeIo {

    /** The immutable configuration of this connection. */
    HandshakeConfig config();

    /** Key manager, trust manager and server-name decisions, made by the JSSE adapter. */
    Credentials credentials();

    SecureRandom random();

    /** The running transcript hash of this handshake. */
    TranscriptHash transcript();

    /**
     * Frames {@code message}, adds it to the transcript and queues it to be sent under the
     * write protection in force now (keys installed later do not apply to it).
     */
    void send(HandshakeMessage message);

    /** Queues one plaintext change_cipher_spec record (TLS 1.3 middlebox compatibility, RFC 8446 §D.4). */
    void sendCompatibilityCcs();

    /** Records received from now on are TLS 1.3-protected with {@code keys}. */
    void installReadKeys13(TrafficKeys keys);

    /** Records sent from now on (after what is already queued) are TLS 1.3-protected with {@code keys}. */
    void installWriteKeys13(TrafficKeys keys);

    /**
     * TLS 1.2: queues a change_cipher_spec record (RFC 5246 §7.1) under the current write
     * protection, and protects what is sent after it with {@code writeKeys} (RFC 5246 §6.2.3.3).
     */
    void changeCipherSpec12(TrafficKeys writeKeys);

    /**
     * TLS 1.2: records received from now on are protected with {@code keys}; called when the
     * peer's change_cipher_spec has been received. No handshake message may be split across it.
     */
    void installReadKeys12(TrafficKeys keys);

    /**
     * Queues a warning alert (TLS 1.2 {@code no_renegotiation}, RFC 5246 §7.2.2) under the
     * current write protection; the connection carries on.
     */
    void warning(AlertDescription description);

    /**
     * Writes one NSS key log line ({@code label client_random secret}) when key logging is on;
     * does nothing otherwise. Callers pass copies; the implementation wipes nothing.
     */
    void keyLog(String label, byte[] clientRandom, byte[] secret);

    /**
     * From now on this side writes records of at most {@code bytes} of content (a negotiated
     * max_fragment_length, RFC 6066 §4), or less if it was limited further already.
     */
    void limitFragments(int bytes);

    /** The session being negotiated changed (for {@code getHandshakeSession()}). */
    void handshakeSession(Negotiated sofar);

    /**
     * The handshake is complete in this direction: application data may flow. Called once;
     * post-handshake messages (NewSessionTicket, KeyUpdate) may still follow.
     */
    void complete(Negotiated result);

    /**
     * The session context of this side's {@code SSLContext}: its session cache, resumption
     * settings and (server) ticket keys. Empty when there is none (scripted or recorded
     * handshakes): then nothing is resumed, cached or issued.
     */
    default Optional<SessionContext> sessions() {
        return Optional.empty();
    }

    /**
     * Server, TLS 1.3: the client offered early data (RFC 8446 §4.2.10), which this server
     * never accepts. Records that fail to open under the client's handshake keys are dropped
     * from now on, up to a bound, until one opens ("skip past early data ... discarding records
     * which fail deprotection"). The default does nothing.
     */
    default void skipEarlyData() {
    }

    /**
     * The connection's keying material exporter (RFC 5705, RFC 8446 §7.5) and the secret bytes it
     * works on (the callee keeps them), given once the handshake has derived them; the session
     * exports with them once the handshake completes. The default drops them.
     */
    default void keyingMaterial(KeyingMaterial exporter, byte[] material) {
    }
}
