package dev.bastion.tls.conformance.hostile;

import dev.bastion.tls.crypto.AeadAlgorithm;
import dev.bastion.tls.crypto.EarlySecret;
import dev.bastion.tls.crypto.HandshakeSecret;
import dev.bastion.tls.crypto.HashAlgorithm;
import dev.bastion.tls.crypto.MasterSecret;
import dev.bastion.tls.crypto.TrafficSecret;
import dev.bastion.tls.crypto.TranscriptHash;

/**
 * The hostile peer's view of the TLS 1.3 key schedule (RFC 8446 §7.1), over Bastion's
 * {@code crypto} stages (allowed by the brief: the peer reuses the key schedule, never the
 * message or record code). The transcript is fed by the peer with exactly the bytes that went
 * over the wire, in order, so a message the peer mangled is hashed as mangled.
 */
final class Schedule {
    final HashAlgorithm hash;
    final AeadAlgorithm aead;
    final TranscriptHash transcript;
    private HandshakeSecret handshakeSecret;
    private MasterSecret master;
    /** The early secret from a resumption PSK (RFC 8446 §7.1); null: the all-zero PSK of a full handshake. */
    EarlySecret psk;
    TrafficSecret clientHandshake;
    TrafficSecret serverHandshake;
    TrafficSecret clientApplication;
    TrafficSecret serverApplication;

    /** For a TLS 1.3 suite code (0x1301..0x1303). */
    Schedule(int suite) {
        this.hash = suite == Tls.TLS_AES_256_GCM_SHA384 ? HashAlgorithm.SHA384 : HashAlgorithm.SHA256;
        this.aead = switch (suite) {
            case Tls.TLS_AES_256_GCM_SHA384 -> AeadAlgorithm.AES_256_GCM;
            case Tls.TLS_CHACHA20_POLY1305_SHA256 -> AeadAlgorithm.CHACHA20_POLY1305;
            default -> AeadAlgorithm.AES_128_GCM;
        };
        this.transcript = TranscriptHash.of(hash);
    }

    void add(byte[] handshakeMessage) {
        transcript.update(handshakeMessage);
    }

    /** RFC 8446 §4.4.1: after a HelloRetryRequest, ClientHello1 (the only message so far) becomes message_hash. */
    void replaceClientHello1() {
        transcript.replaceWithMessageHash();
    }

    byte[] hashNow() {
        return transcript.current();
    }

    /** Call with ClientHello and ServerHello in the transcript; {@code sharedSecret} null for psk_ke. */
    void handshakeSecrets(byte[] sharedSecret) {
        EarlySecret early = psk != null ? psk : EarlySecret.withoutPsk(hash);
        // psk_ke (RFC 8446 §4.2.9): no (EC)DHE, the shared secret input is zeros (§7.1)
        handshakeSecret = sharedSecret == null ? early.handshakeSecretWithoutKeyExchange() : early.handshakeSecret(sharedSecret);
        byte[] h = transcript.current();
        clientHandshake = handshakeSecret.clientHandshakeTrafficSecret(h);
        serverHandshake = handshakeSecret.serverHandshakeTrafficSecret(h);
    }

    /** Call with the server's Finished in the transcript. */
    void applicationSecrets() {
        master = handshakeSecret.masterSecret();
        byte[] h = transcript.current();
        clientApplication = master.clientApplicationTrafficSecret(h);
        serverApplication = master.serverApplicationTrafficSecret(h);
    }

    /**
     * The PSK a NewSessionTicket with {@code ticketNonce} carries (RFC 8446 §4.6.1): call with
     * the client's Finished in the transcript.
     */
    byte[] resumptionPsk(byte[] ticketNonce) {
        return master.resumptionMasterSecret(transcript.current()).resumptionPsk(ticketNonce);
    }

    RecordCipher cipher(TrafficSecret secret) {
        return new RecordCipher(secret.keys(aead));
    }
}
