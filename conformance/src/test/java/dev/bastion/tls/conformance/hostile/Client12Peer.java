package dev.bastion.tls.conformance.hostile;

import dev.bastion.tls.crypto.CipherSuite;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;

/**
 * The hostile TLS 1.2 client, facing a server engine under test that enables TLS 1.2 only.
 * {@link #clientHello()} is an editable, correct ClientHello (ECDHE_ECDSA AES-GCM and
 * ChaCha20-Poly1305 suites, X25519, extended_master_secret, an empty renegotiation_info);
 * {@link #readServerHello}, {@link #readServerFlight} follow the server's first flight;
 * {@link #sendKeyExchangeAndFinished} is the client's second flight; each step can be replaced.
 */
final class Client12Peer extends Peer12 {
    HelloView serverHello;
    /** The server's ECDHE group and point from its ServerKeyExchange. */
    int serverGroup;
    byte[] serverPoint;
    /** The server's CertificateRequest, when it sent one. */
    byte[] certificateRequest;
    /** The verify_data of the client's Finished, once sent (RFC 5746 §3.1 client_verify_data). */
    byte[] clientVerifyData;

    private Client12Peer(Victim victim) {
        super(victim);
    }

    static Client12Peer connect(String provider, Consumer<SSLEngine> configure) {
        return connect(provider, TLS12, configure);
    }

    /** A server engine enabling {@code protocols} ({@link Victims#DEFAULTS}: TLS 1.3 too). */
    static Client12Peer connect(String provider, String[] protocols, Consumer<SSLEngine> configure) {
        Client12Peer p = new Client12Peer(Victims.server(provider, protocols, configure));
        p.victim.start();
        return p;
    }

    /** A hostile client facing {@code victim} (a server engine), started. */
    static Client12Peer start(Victim victim) {
        Client12Peer p = new Client12Peer(victim);
        p.victim.start();
        return p;
    }

    static Client12Peer connect(String provider) {
        return connect(provider, e -> { });
    }

    /** A correct TLS 1.2 ClientHello with an empty session id. */
    Hello clientHello() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        Hello h = new Hello(true, random, new byte[0]);
        h.suites.addAll(List.of(Tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, Tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                Tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256));
        h.add(Exts.supportedGroups(Tls.X25519, Tls.SECP256R1))
                .add(Ext.of(Tls.EXT_EC_POINT_FORMATS, new byte[] {1, 0}))
                .add(Exts.signatureAlgorithms(Tls.ECDSA_SECP256R1_SHA256, Tls.RSA_PSS_RSAE_SHA256, Tls.RSA_PKCS1_SHA256))
                .add(Exts.empty(Tls.EXT_EXTENDED_MASTER_SECRET))
                .add(Exts.renegotiationInfo());
        return h;
    }

    /** Sends a ClientHello in one record (legacy_record_version 0x0301) and records it. */
    void sendClientHello(Hello h) {
        byte[] m = h.encode();
        clientRandom = h.random.clone();
        hashed(m);
        sendRaw(new Rec(Tls.HANDSHAKE, Tls.TLS10, m).encode());
    }

    Client12Peer hello(Consumer<Hello> edit) {
        Hello h = clientHello();
        edit.accept(h);
        sendClientHello(h);
        return this;
    }

    /** Reads the ServerHello: suite, random, whether extended_master_secret was agreed. */
    HelloView readServerHello() {
        byte[] m = expect(Tls.SERVER_HELLO, "ServerHello");
        hashed(m);
        serverHello = HelloView.server(m);
        serverRandom = serverHello.random;
        suite = CipherSuite.fromCode(serverHello.suite())
                .orElseThrow(() -> new ScriptStop("the server chose unknown suite " + serverHello.suite()));
        ems = serverHello.extensions.containsKey(Tls.EXT_EXTENDED_MASTER_SECRET);
        return serverHello;
    }

    /** Certificate, ServerKeyExchange (ECDHE), CertificateRequest if any, ServerHelloDone. */
    void readServerFlight() {
        hashed(expect(Tls.CERTIFICATE, "Certificate"));
        byte[] ske = expect(Tls.SERVER_KEY_EXCHANGE, "ServerKeyExchange");
        hashed(ske);
        In body = new In(ske);
        body.bytes(4);
        if (body.u8() != 3) {
            throw new ScriptStop("ServerKeyExchange curve_type is not named_curve");
        }
        serverGroup = body.u16();
        serverPoint = body.vec8().rest();
        byte[] next = nextMessage().orElseThrow(() -> new ScriptStop("the victim sent no ServerHelloDone"));
        hashed(next);
        if (type(next) == Tls.CERTIFICATE_REQUEST) {
            certificateRequest = next;
            hashed(expect(Tls.SERVER_HELLO_DONE, "ServerHelloDone"));
        } else if (type(next) != Tls.SERVER_HELLO_DONE) {
            throw new ScriptStop("expected ServerHelloDone, got type " + type(next));
        }
    }

    /** The premaster secret with the server's X25519 point. */
    byte[] preMaster() {
        if (serverGroup != Tls.X25519) {
            throw new ScriptStop("the server chose group 0x" + Integer.toHexString(serverGroup));
        }
        return x25519.agree(serverPoint);
    }

    /** The correct ClientKeyExchange (our X25519 point). */
    byte[] clientKeyExchange() {
        return clientKeyExchange(x25519.publicValue());
    }

    /** Sends {@code cke} (hashed) and derives the keys; the victim's write key is known from now. */
    void sendClientKeyExchange(byte[] cke, byte[] preMaster) {
        hashed(cke);
        deriveKeys(preMaster);
        expectVictimKey(new RecordCipher12(keys.serverWrite()));
        send(Tls.HANDSHAKE, cke);
    }

    /** Client Finished over the transcript followed by {@code before}. */
    byte[] finished(byte[]... before) {
        return finishedMessage(master.clientFinishedVerifyData(hash(before)));
    }

    /** ClientKeyExchange, ChangeCipherSpec, Finished (all correct). */
    void sendKeyExchangeAndFinished() {
        sendClientKeyExchange(clientKeyExchange(), preMaster());
        changeCipherSpec(new RecordCipher12(keys.clientWrite()));
        byte[] fin = finished();
        clientVerifyData = java.util.Arrays.copyOfRange(fin, 4, fin.length);
        sendHandshake(fin);
    }

    /** The server's ChangeCipherSpec and Finished (a NewSessionTicket on the way is skipped). */
    void readServerFinished() {
        expect(Tls.FINISHED, "server Finished");
    }

    /** A whole correct TLS 1.2 handshake. */
    Client12Peer handshake() {
        sendClientHello(clientHello());
        readServerHello();
        readServerFlight();
        sendKeyExchangeAndFinished();
        readServerFinished();
        return this;
    }
}
