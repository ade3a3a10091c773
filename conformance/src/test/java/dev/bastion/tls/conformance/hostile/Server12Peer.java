package dev.bastion.tls.conformance.hostile;

import dev.bastion.tls.conformance.interop.TestPki;
import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import dev.bastion.tls.crypto.CipherSuite;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;

/**
 * The hostile TLS 1.2 server, facing a client engine under test that enables TLS 1.2 only.
 * {@link #serverHello()} is an editable, correct ServerHello (TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
 * echoing extended_master_secret and renegotiation_info when offered); {@link #certificate},
 * {@link #serverKeyExchange} (X25519, signed with ecdsa_secp256r1_sha256 by the interop EC
 * certificate's key) and {@link #serverHelloDone} make the first flight; {@link #readClientFlight}
 * reads ClientKeyExchange and Finished and derives the keys; {@link #sendCcsAndFinished} ends it.
 */
final class Server12Peer extends Peer12 {
    HelloView clientHello;
    /** The client's ECDHE point from its ClientKeyExchange. */
    byte[] clientPoint;

    private Server12Peer(Victim victim) {
        super(victim);
    }

    static Server12Peer connect(String provider, Consumer<SSLEngine> configure) {
        return connect(provider, TLS12, configure);
    }

    /** A client engine enabling {@code protocols} ({@link Victims#DEFAULTS}: TLS 1.3 too). */
    static Server12Peer connect(String provider, String[] protocols, Consumer<SSLEngine> configure) {
        return start(Victims.client(provider, protocols, configure));
    }

    /** A hostile server facing {@code victim} (a client engine), started; its ClientHello read. */
    static Server12Peer start(Victim victim) {
        Server12Peer p = new Server12Peer(victim);
        p.victim.start();
        p.clientHello = HelloView.client(p.expect(Tls.CLIENT_HELLO, "ClientHello"));
        p.hashed(p.clientHello.encoding);
        p.clientRandom = p.clientHello.random;
        return p;
    }

    static Server12Peer connect(String provider) {
        return connect(provider, e -> { });
    }

    /** Whether the victim's ClientHello carries extension {@code code}. */
    boolean offered(int code) {
        return clientHello.extensions.containsKey(code);
    }

    /** A correct ServerHello with a fresh 32-byte session id. */
    Hello serverHello() {
        return serverHello(Tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
    }

    Hello serverHello(int suiteCode) {
        byte[] random = new byte[32];
        byte[] session = new byte[32];
        RANDOM.nextBytes(random);
        RANDOM.nextBytes(session);
        Hello h = new Hello(false, random, session);
        h.suites.add(suiteCode);
        if (offered(Tls.EXT_RENEGOTIATION_INFO) || clientHello.suites.contains(Tls.TLS_EMPTY_RENEGOTIATION_INFO_SCSV)) {
            h.add(Exts.renegotiationInfo());
        }
        if (offered(Tls.EXT_EXTENDED_MASTER_SECRET)) {
            h.add(Exts.empty(Tls.EXT_EXTENDED_MASTER_SECRET));
        }
        return h;
    }

    /** The ServerHello's encoding; takes its random, suite and extended_master_secret as negotiated. */
    byte[] hello(Hello h) {
        serverRandom = h.random.clone();
        suite = CipherSuite.fromCode(h.suites.get(0)).orElse(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        ems = h.extensions.stream().anyMatch(e -> e.code() == Tls.EXT_EXTENDED_MASTER_SECRET);
        return h.encode();
    }

    /** The interop server chain of this key kind, TLS 1.2 encoding. */
    static byte[] certificate(ServerKey kind) {
        return certificate12(ServerPeer.ders(TestPki.get().server(kind).chain()));
    }

    byte[] certificate() {
        return certificate(ServerKey.EC);
    }

    /** ECParameters ServerECDHParams for named_curve {@code group} and {@code point} (RFC 8422 §5.4). */
    static byte[] ecParams(int group, byte[] point) {
        return new Bytes().u8(3).u16(group).vec8("point", point).toArray();
    }

    /** ServerKeyExchange: {@code params}, then the scheme and a signature over randoms || params (RFC 5246 §7.4.3). */
    byte[] serverKeyExchange(byte[] params, int scheme, byte[] signature) {
        return Msg.handshake(Tls.SERVER_KEY_EXCHANGE, b -> b.raw(params).u16(scheme).vec16("signature", signature));
    }

    /** The correct signature of {@code params} with the EC key (ecdsa_secp256r1_sha256). */
    byte[] sign(byte[] params) {
        return sign(params, "SHA256withECDSA", TestPki.get().server(ServerKey.EC).key());
    }

    byte[] sign(byte[] params, String algorithm, PrivateKey key) {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(Bytes.concat(clientRandom, serverRandom, params));
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The correct ECDHE ServerKeyExchange with our X25519 share. */
    byte[] serverKeyExchange() {
        byte[] params = ecParams(Tls.X25519, x25519.publicValue());
        return serverKeyExchange(params, Tls.ECDSA_SECP256R1_SHA256, sign(params));
    }

    /** TLS 1.2 CertificateRequest: types ecdsa_sign and rsa_sign, these schemes, no authorities (RFC 5246 §7.4.4). */
    static byte[] certificateRequest(int... schemes) {
        return Msg.handshake(Tls.CERTIFICATE_REQUEST, b -> b.vec8("certificate_types", new byte[] {64, 1})
                .vec16("supported_signature_algorithms", v -> {
                    for (int s : schemes) {
                        v.u16(s);
                    }
                }).vec16("certificate_authorities", new byte[0]));
    }

    static byte[] serverHelloDone() {
        return Msg.handshake(Tls.SERVER_HELLO_DONE, new byte[0]);
    }

    /** DHE ServerDHParams (RFC 5246 §7.4.3): {@code dh_p}, {@code dh_g}, {@code dh_Ys}, each {@code <1..2^16-1>}. */
    static byte[] dhParams(java.math.BigInteger p, java.math.BigInteger g, java.math.BigInteger ys) {
        return new Bytes().vec16("dh_p", unsigned(p)).vec16("dh_g", unsigned(g)).vec16("dh_Ys", unsigned(ys)).toArray();
    }

    private static byte[] unsigned(java.math.BigInteger v) {
        byte[] b = v.toByteArray();
        return b[0] == 0 && b.length > 1 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    /** A DHE_RSA ServerKeyExchange for {@code params}, signed with rsa_pkcs1_sha256 by the interop RSA key. */
    byte[] dheServerKeyExchange(byte[] params) {
        return serverKeyExchange(params, Tls.RSA_PKCS1_SHA256,
                sign(params, "SHA256withRSA", TestPki.get().server(ServerKey.RSA).key()));
    }

    /** The default first flight: ServerHello, Certificate, ServerKeyExchange, ServerHelloDone, in one record. */
    void sendFirstFlight() {
        byte[] sh = hello(serverHello());
        sendHandshake(sh, certificate(), serverKeyExchange(), serverHelloDone());
    }

    /** Reads ClientKeyExchange (ECDHE X25519), derives the keys, then reads the client's Finished. */
    void readClientFlight() {
        byte[] cke = nextMessage().orElseThrow(() -> new ScriptStop("the victim sent no ClientKeyExchange"));
        if (type(cke) == Tls.CERTIFICATE) { // answering a CertificateRequest (RFC 5246 §7.4.6)
            hashed(cke);
            cke = expect(Tls.CLIENT_KEY_EXCHANGE, "ClientKeyExchange");
        } else if (type(cke) != Tls.CLIENT_KEY_EXCHANGE) {
            throw new ScriptStop("expected ClientKeyExchange, got type " + type(cke));
        }
        hashed(cke);
        clientPoint = new In(java.util.Arrays.copyOfRange(cke, 4, cke.length)).vec8().rest();
        deriveKeys(x25519.agree(clientPoint));
        expectVictimKey(new RecordCipher12(keys.clientWrite()));
        hashed(expect(Tls.FINISHED, "client Finished"));
    }

    /** Server Finished over the transcript followed by {@code before}. */
    byte[] finished(byte[]... before) {
        return finishedMessage(master.serverFinishedVerifyData(hash(before)));
    }

    /** ChangeCipherSpec, then the server Finished under the new key. */
    void sendCcsAndFinished() {
        changeCipherSpec(new RecordCipher12(keys.serverWrite()));
        sendHandshake(finished());
    }

    /** A whole correct TLS 1.2 handshake. */
    Server12Peer handshake() {
        sendFirstFlight();
        readClientFlight();
        sendCcsAndFinished();
        return this;
    }
}
