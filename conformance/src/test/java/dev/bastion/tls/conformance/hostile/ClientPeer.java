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
    private final java.util.Map<Integer, KeyShare> shares = new java.util.HashMap<>(java.util.Map.of(Tls.X25519, x25519));
    HelloView serverHello;
    /** The server's EncryptedExtensions and CertificateRequest, once read. */
    byte[] encryptedExtensions;
    byte[] certificateRequest;
    private byte[] lastClientHello;
    /** The PSK of the ticket this client offers; used when the ServerHello accepts it (RFC 8446 §4.2.11). */
    byte[] resumptionPsk;
    /** A ticket taken from the same server context by an earlier connection (PSK scenarios). */
    Ticket13 ticket;

    private ClientPeer(Victim victim) {
        super(victim);
    }

    /** A server engine with these protocols, started (waiting for a ClientHello). */
    static ClientPeer connect(String provider, String[] protocols, Consumer<SSLEngine> configure) {
        ClientPeer p = new ClientPeer(Victims.server(provider, protocols, configure));
        p.victim.start();
        return p;
    }

    /** A hostile client facing {@code victim} (a server engine), started. */
    static ClientPeer start(Victim victim) {
        ClientPeer p = new ClientPeer(victim);
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
        sendClientHello(message, Tls.TLS10, 0);
    }

    /** Sends a ClientHello message in records of this version, cut every {@code size} bytes (0: one record). */
    void sendClientHello(byte[] message, int recordVersion, int size) {
        lastClientHello = message;
        if (schedule != null) {
            schedule.add(message); // the second ClientHello, after a HelloRetryRequest
        }
        sendRaw(size == 0 ? new Rec(Tls.HANDSHAKE, recordVersion, message).encode()
                : Rec.split(Tls.HANDSHAKE, recordVersion, message, size));
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
        if (resumptionPsk != null && serverHello.extensions.containsKey(Tls.EXT_PRE_SHARED_KEY)) {
            schedule.psk = dev.bastion.tls.crypto.EarlySecret.fromPsk(schedule.hash, resumptionPsk);
        }
        java.util.Optional<Exts.Share> share = serverHello.serverShare();
        if (share.isEmpty() && schedule.psk == null) {
            throw new ScriptStop("ServerHello without key_share");
        }
        schedule.handshakeSecrets(share.map(this::agree).orElse(null)); // none: psk_ke (RFC 8446 §4.2.9)
        expectVictimKey(schedule.cipher(schedule.serverHandshake));
        return serverHello;
    }

    /**
     * Reads EE, CertificateRequest if any, Certificate, CertificateVerify and Finished (after a
     * PSK was accepted: EE and Finished), hashing each; learns the server's application key.
     */
    void readServerFlight() {
        encryptedExtensions = expect(Tls.ENCRYPTED_EXTENSIONS, "EncryptedExtensions");
        schedule.add(encryptedExtensions);
        byte[] next = nextMessage().orElseThrow(() -> new ScriptStop("the victim sent no Certificate"));
        if ((next[0] & 0xFF) == Tls.CERTIFICATE_REQUEST) {
            certificateRequest = next;
            schedule.add(next);
            next = expect(Tls.CERTIFICATE, "Certificate");
        } else if ((next[0] & 0xFF) == Tls.FINISHED && schedule.psk != null) {
            schedule.add(next); // a resumption: no Certificate, no CertificateVerify (RFC 8446 §2.2)
            schedule.applicationSecrets();
            expectVictimKey(schedule.cipher(schedule.serverApplication));
            return;
        } else if ((next[0] & 0xFF) != Tls.CERTIFICATE) {
            throw new ScriptStop("expected Certificate, got type " + (next[0] & 0xFF));
        }
        schedule.add(next);
        schedule.add(expect(Tls.CERTIFICATE_VERIFY, "CertificateVerify"));
        schedule.add(expect(Tls.FINISHED, "server Finished"));
        schedule.applicationSecrets();
        expectVictimKey(schedule.cipher(schedule.serverApplication));
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

    /** Whether the server's EncryptedExtensions carry extension {@code code}. */
    boolean encryptedExtensionsHave(int code) {
        In block = new In(encryptedExtensions);
        block.u8();
        In ext = block.vec24().vec16();
        while (ext.more()) {
            if (ext.u16() == code) {
                return true;
            }
            ext.vec16();
        }
        return false;
    }

    /** Sends a correct ClientHello after {@code edit} changed it. */
    ClientPeer hello(Consumer<Hello> edit) {
        Hello h = clientHello();
        edit.accept(h);
        sendClientHello(h);
        return this;
    }

    /** ClientHello, ServerHello and the server's flight: the client's second flight is next. */
    ClientPeer upToClientFinished() {
        sendClientHello(clientHello());
        readServerHello();
        readServerFlight();
        return this;
    }

    /** The client's CertificateVerify over the transcript followed by {@code before} (ECDSA P-256). */
    byte[] certificateVerify(byte[]... before) {
        byte[] extra = Bytes.concat(before);
        byte[] hash = schedule.transcript.currentWith(schedule.hash, extra, 0, extra.length);
        try {
            java.security.Signature s = java.security.Signature.getInstance("SHA256withECDSA");
            s.initSign(dev.bastion.tls.conformance.interop.TestPki.get().client().key());
            s.update(Msg.signedContent(false, hash));
            return Msg.certificateVerify(Tls.ECDSA_SECP256R1_SHA256, s.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The interop client certificate chain (ECDSA P-256, issued for client authentication). */
    byte[] clientCertificate() {
        return Msg.certificate(new byte[0], ServerPeer.ders(dev.bastion.tls.conformance.interop.TestPki.get().client().chain()));
    }

    /** The client Finished over the transcript followed by {@code before}. */
    byte[] finished(byte[]... before) {
        byte[] extra = Bytes.concat(before);
        return Msg.finished(schedule.clientHandshake.finishedVerifyData(
                schedule.transcript.currentWith(schedule.hash, extra, 0, extra.length)));
    }

    /** A whole correct handshake. */
    ClientPeer handshake() {
        sendClientHello(clientHello());
        finishHandshake();
        return this;
    }

    /** After the ClientHello: the rest of a correct handshake. */
    void finishHandshake() {
        readServerHello();
        readServerFlight();
        sendFinished(finished());
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

    /** The peer's key share for {@code group} (X25519 from the start, others made on demand). */
    KeyShare share(int group) {
        return shares.computeIfAbsent(group, g -> NamedGroup.fromCode(g)
                .orElseThrow(() -> new ScriptStop("the server chose unknown group 0x" + Integer.toHexString(g)))
                .generate(RANDOM));
    }

    private byte[] agree(Exts.Share share) {
        return share(share.group()).agree(share.keyExchange());
    }
}
