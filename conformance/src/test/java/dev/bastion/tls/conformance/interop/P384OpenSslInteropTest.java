package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.conformance.interop.EngineClient.Exchange;
import dev.bastion.tls.conformance.interop.EngineServer.Accepted;
import dev.bastion.tls.conformance.interop.OpenSslClient.Result;
import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.io.IOException;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ECDSA P-384 server and client certificates (both chains issued by the P-384 CA, signed with
 * SHA384withECDSA) against OpenSSL, both directions, TLS 1.3 ({@code TLS_AES_256_GCM_SHA384})
 * and TLS 1.2 ({@code TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384}), always with client
 * authentication. Each case checks the protocol and suite on both sides, the curve of the
 * certificate each side received, and every handshake signature as OpenSSL's trace decoded it:
 * the server's (CertificateVerify, or TLS 1.2 ServerKeyExchange) and the client's
 * CertificateVerify must be {@code ecdsa_secp384r1_sha384}, and OpenSSL reports its peer's
 * signature as ECDSA with SHA384.
 *
 * <p>TLS 1.3 binds the curve to the scheme (RFC 8446 §4.2.3), so a P-384 key can only sign with
 * {@code ecdsa_secp384r1_sha384}. TLS 1.2 does not (RFC 5246 §7.4.1.4.1, RFC 8422 §5.10): both
 * sides would take the first ECDSA hash of the peer's list, usually SHA-256, so the OpenSSL
 * side offers {@code ecdsa_secp384r1_sha384} only and both signatures must use it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class P384OpenSslInteropTest {
    private static final String P384 = "secp384r1";
    private static final String SCHEME = "ecdsa_secp384r1_sha384";
    private static final String CLIENT = "CN=bastion-interop-client-p384";

    private static final TestPki PKI = TestPki.get();
    private static final Started SERVERS = new Started();

    @AfterAll
    static void stopServers() throws Exception {
        SERVERS.closeAll();
    }

    static Stream<Arguments> cases() {
        return Providers.underTest().flatMap(p -> Stream.of(Arguments.of(p, "TLSv1.3"), Arguments.of(p, "TLSv1.2")));
    }

    @ParameterizedTest(name = "{0} client with a P-384 certificate -> s_server {1} with a P-384 certificate")
    @MethodSource("cases")
    void providerClient(String provider, String version) throws IOException {
        OpenSslServer server = openSsl(version);
        Exchange x = EngineClient.get(clientEngine(provider, version), server.port(), null,
                P384OpenSslInteropTest::curves);
        String trace = server.nextTrace();

        assertEquals(version, x.session().protocol());
        assertEquals(suite(version), x.session().cipherSuite());
        assertEquals("peer=" + P384 + " local=" + P384, x.note(), "curves of the server's and our certificate");
        assertEquals("CN=localhost", x.session().peerSubject());
        assertEquals(CLIENT, x.session().localSubject());
        String page = x.body();
        assertTrue(page.contains("Protocol  : " + version), "s_server's page:\n" + page);
        assertTrue(page.contains("Cipher    : " + TlsNames.openSslName(suite(version))), "s_server's page:\n" + page);
        assertTrue(page.contains("Subject: " + CLIENT) && page.contains("NIST CURVE: P-384"),
                "s_server received the P-384 client certificate:\n" + page);
        assertTrue(page.contains("Peer signing digest: SHA384") && page.contains("Peer signature type: ECDSA"),
                "s_server verified an ECDSA SHA384 CertificateVerify:\n" + page);
        assertEquals(List.of(serverSignature(version) + "=" + SCHEME, "CertificateVerify=" + SCHEME),
                OpenSslTrace.signatures(trace), "s_server's signature, then the client's (s_server's trace)");
    }

    @ParameterizedTest(name = "s_client {1} with a P-384 certificate -> {0} server with a P-384 certificate")
    @MethodSource("cases")
    void providerServer(String provider, String version) throws IOException {
        EngineServer server = engineServer(provider, version);
        OpenSslClient client = OpenSslClient.verifying(PKI, "localhost").version(version).certificate(PKI.clientP384());
        if (version.equals("TLSv1.2")) {
            client.cipher(TlsNames.openSslName(suite(version))).sigalgs(SCHEME);
        } else {
            client.ciphersuites(suite(version));
        }
        Result r = client.run(server.port());
        Accepted a = server.next();

        assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + r.output());
        assertEquals(version, r.protocol(), r.output());
        assertEquals(TlsNames.openSslName(suite(version)), r.cipher(), r.output());
        assertEquals(0, r.verifyCode(), "s_client verified the P-384 chain: " + r.verifyText());
        assertTrue(r.output().contains("\nServer public key is 384 bit"), "s_client received a 384-bit (ECDSA) server key:\n"
                + r.output());
        assertEquals("ECDSA", r.peerSignatureType(), r.output());
        assertTrue(r.output().contains("Peer signing digest: SHA384"), "s_client's peer signing digest:\n" + r.output());
        assertEquals(List.of(serverSignature(version) + "=" + SCHEME, "CertificateVerify=" + SCHEME),
                OpenSslTrace.signatures(r.output()), "the server's signature, then s_client's (s_client's trace)");
        assertTrue(r.gotResponse(), r.output());
        assertEquals(version, a.session().protocol());
        assertEquals(suite(version), a.session().cipherSuite());
        assertEquals(CLIENT, a.session().peerSubject());
        assertEquals("peer=" + P384 + " local=" + P384, a.note(), "curves of the client's and our certificate");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static String suite(String version) {
        return version.equals("TLSv1.3") ? "TLS_AES_256_GCM_SHA384" : "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
    }

    /** The message carrying the server's signature: CertificateVerify (TLS 1.3) or ServerKeyExchange (TLS 1.2). */
    private static String serverSignature(String version) {
        return version.equals("TLSv1.3") ? "CertificateVerify" : "ServerKeyExchange";
    }

    /** {@code peer=<curve> local=<curve>} of the engine's session certificates ({@code none} when absent). */
    private static String curves(SSLEngine engine) {
        SSLSession s = engine.getSession();
        String peer;
        try {
            peer = TestPki.curve(s.getPeerCertificates()[0].getPublicKey());
        } catch (SSLPeerUnverifiedException e) {
            peer = "none";
        }
        Certificate[] local = s.getLocalCertificates();
        return "peer=" + peer + " local=" + (local == null ? "none" : TestPki.curve(local[0].getPublicKey()));
    }

    /** s_server with the P-384 certificate, requiring a client certificate; started once per version. */
    private static OpenSslServer openSsl(String version) throws IOException {
        String name = "s_server " + version;
        return SERVERS.get(name, OpenSslServer.class, () -> {
            OpenSslServer.Builder b = OpenSslServer.builder(PKI.server(ServerKey.EC_P384)).version(version)
                    .requireClientCertificate(PKI);
            if (version.equals("TLSv1.2")) {
                b.cipher(TlsNames.openSslName(suite(version))).sigalgs(SCHEME);
            } else {
                b.ciphersuites(suite(version));
            }
            return b.start();
        });
    }

    /** The provider's server with the P-384 certificate only, needing a client certificate; one per provider and version. */
    private static EngineServer engineServer(String provider, String version) throws IOException {
        String name = provider + " " + version;
        return SERVERS.get(name, EngineServer.class, () -> {
            SSLContext ctx = Providers.context(provider, "TLS",
                    TestPki.keyManagers(List.of(PKI.server(ServerKey.EC_P384))), PKI.trustManagers());
            return new EngineServer("p384-" + provider + "-" + version, () -> {
                SSLEngine e = ctx.createSSLEngine();
                e.setEnabledProtocols(new String[] {version});
                e.setNeedClientAuth(true);
                return e;
            }, null, P384OpenSslInteropTest::curves);
        });
    }

    /** A client engine of {@code provider} for {@code version} and its P-384 suite, with the P-384 client certificate. */
    private static SSLEngine clientEngine(String provider, String version) {
        SSLContext ctx = Providers.context(provider, "TLS", TestPki.keyManagers(List.of(PKI.clientP384())),
                PKI.trustManagers());
        SSLEngine engine = Providers.clientEngine(ctx);
        engine.setEnabledProtocols(new String[] {version});
        engine.setEnabledCipherSuites(new String[] {suite(version)});
        SSLParameters p = engine.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(p);
        return engine;
    }
}
