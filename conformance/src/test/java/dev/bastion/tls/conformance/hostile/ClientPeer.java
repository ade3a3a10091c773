package dev.bastion.tls.conformance.hostile;

import dev.bastion.tls.crypto.KeyShare;
import dev.bastion.tls.crypto.NamedGroup;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;

/**
 * The hostile TLS 1.3 client, facing a server engine under test. {@link #clientHello()} returns
 * an editable, correct ClientHello (compatibility mode, X25519 share, the three TLS 1.3 suites,
 * ECDSA/PSS/EdDSA schemes); {@link #sendClientHello} sends it; {@link #readServerHello} and
 * {@link #readServerFlight} follow the server's answer, deriving every key on the way;
 * {@link #sendFinished} completes the handshake. Steps can be replaced one by one.
 */
final class ClientPeer extends Peer {
    final KeyShare x25519 = NamedGroup.X25519.generate(RANDOM);
    HelloView serverHello;
    private byte[] lastClientHello;

    private ClientPeer(Victim victim) {
        super(victim);
    }

    /** A server engine with these protocols, started (waiting for a ClientHello). */
    static ClientPeer connect(String provider, String[] protocols, Consumer<SSLEngine> configure) {
        ClientPeer p = new ClientPeer(Victims.server(provider, protocols, configure));
        p.victim.start();
        return p;
    }

    static ClientPeer connect(String provider) {
        return connect(provider, Victims.TLS13, e -> { });
    }

    /** A correct TLS 1.3 ClientHello. */
    Hello clientHello() {
        byte[] random = new byte[32];
        byte[] session = new byte[32];
        RANDOM.nextBytes(random);
        RANDOM.nextBytes(session);
        Hello h = new Hello(true, random, session);
        h.suites.addAll(java.util.List.of(Tls.TLS_AES_128_GCM_SHA256, Tls.TLS_AES_256_GCM_SHA384,
                Tls.TLS_CHACHA20_POLY1305_SHA256));
        h.add(Exts.supportedVersions(Tls.TLS13))
                .add(Exts.supportedGroups(Tls.X25519, Tls.SECP256R1))
                .add(Exts.keyShares(new Exts.Share(Tls.X25519, x25519.publicValue())))
                .add(Exts.signatureAlgorithms(Tls.ECDSA_SECP256R1_SHA256, Tls.RSA_PSS_RSAE_SHA256, Tls.ED25519));
        return h;
    }

    /** Sends a ClientHello message (any bytes) in one record with legacy_record_version 0x0301. */
    void sendClientHello(byte[] message) {
        lastClientHello = message;
        if (schedule != null) {
            schedule.add(message); // the second ClientHello, after a HelloRetryRequest
        }
        sendRaw(new Rec(Tls.HANDSHAKE, Tls.TLS10, message).encode());
    }

    void sendClientHello(Hello h) {
        sendClientHello(h.encode());
    }

    /**
     * Reads the server's ServerHello or HelloRetryRequest. For a ServerHello, agrees on the
     * X25519 secret and derives the handshake secrets; for a HelloRetryRequest, replaces
     * ClientHello1 by message_hash (RFC 8446 §4.4.1).
     */
    HelloView readServerHello() {
        byte[] m = expect(Tls.SERVER_HELLO, "ServerHello");
        serverHello = HelloView.server(m);
        if (schedule == null) {
            schedule = new Schedule(serverHello.suite());
            schedule.add(lastClientHello);
        }
        if (serverHello.isHelloRetryRequest()) {
            schedule.replaceClientHello1();
            schedule.add(m);
            return serverHello;
        }
        schedule.add(m);
        Exts.Share share = serverHello.serverShare().orElseThrow(() -> new ScriptStop("ServerHello without key_share"));
        schedule.handshakeSecrets(agree(share));
        expectVictimKey(schedule.cipher(schedule.serverHandshake));
        return serverHello;
    }

    /** Reads EE, Certificate, CertificateVerify and Finished, hashing each; learns the server's application key. */
    void readServerFlight() {
        schedule.add(expect(Tls.ENCRYPTED_EXTENSIONS, "EncryptedExtensions"));
        schedule.add(expect(Tls.CERTIFICATE, "Certificate"));
        schedule.add(expect(Tls.CERTIFICATE_VERIFY, "CertificateVerify"));
        schedule.add(expect(Tls.FINISHED, "server Finished"));
        schedule.applicationSecrets();
        expectVictimKey(schedule.cipher(schedule.serverApplication));
    }

    /** The correct client Finished for the transcript so far. */
    byte[] finished() {
        return Msg.finished(schedule.finished(schedule.clientHandshake));
    }

    /** Switches to the client handshake key (after the compatibility CCS). */
    void useHandshakeKey() {
        sendCcs();
        writer = schedule.cipher(schedule.clientHandshake);
    }

    /** The compatibility CCS, then {@code messages} under the client handshake key, then the application key. */
    void sendFinished(byte[]... messages) {
        useHandshakeKey();
        sendHandshake(messages);
        writer = schedule.cipher(schedule.clientApplication);
    }

    /** A whole correct handshake. */
    ClientPeer handshake() {
        sendClientHello(clientHello());
        readServerHello();
        readServerFlight();
        sendFinished(finished());
        return this;
    }

    /** Sends a KeyUpdate under the current key, then writes with the next one (RFC 8446 §4.6.3). */
    void sendKeyUpdate(int request) {
        send(Tls.HANDSHAKE, Msg.keyUpdate(request));
        schedule.clientApplication = schedule.clientApplication.next();
        writer = schedule.cipher(schedule.clientApplication);
        if (request == 1) {
            schedule.serverApplication = schedule.serverApplication.next();
            expectVictimKey(schedule.cipher(schedule.serverApplication));
        }
    }

    private byte[] agree(Exts.Share share) {
        if (share.group() != Tls.X25519) {
            throw new ScriptStop("the server chose group 0x" + Integer.toHexString(share.group()));
        }
        return x25519.agree(share.keyExchange());
    }
}
