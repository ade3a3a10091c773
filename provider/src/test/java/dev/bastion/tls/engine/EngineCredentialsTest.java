package dev.bastion.tls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.connection.FakeHandshaker;
import dev.bastion.tls.testutil.SelfSigned;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** The key manager, trust manager and ALPN decisions as the handshake sees them. */
class EngineCredentialsTest {

    private static void https(SSLEngine e) {
        SSLParameters p = e.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        e.setSSLParameters(p);
    }

    private static SSLEngine[] pair(SSLContext ctx, String host) {
        SSLEngine c = ctx.createSSLEngine(host, 443);
        c.setUseClientMode(true);
        SSLEngine s = ctx.createSSLEngine();
        s.setUseClientMode(false);
        return new SSLEngine[] {c, s};
    }

    @Test
    void jdkTrustManagerChecksTheChainAndTheHostThroughTheHandshakeSession() throws Exception {
        SelfSigned pki = SelfSigned.localhost();
        SSLContext ctx = Engines.bastionContext(FakeHandshaker.factory(false, new ArrayList<>(), h -> h.serverChain = pki.chain()),
                null, pki.trustManagers());
        SSLEngine[] ok = pair(ctx, "localhost");
        https(ok[0]);
        Engines.pump(ok[0], ok[1]);
        assertEquals("TLSv1.3", ok[0].getSession().getProtocol());

        SSLEngine[] wrongHost = pair(ctx, "www.example.com");
        https(wrongHost[0]);
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Engines.pump(wrongHost[0], wrongHost[1]));
        assertTrue(e.getMessage().contains("www.example.com"), e.getMessage());
        assertTrue(e.getCause() instanceof CertificateException, "the trust manager's exception is the cause");
        assertEquals("Received fatal alert: certificate_unknown", alertAtServer(wrongHost));
    }

    @Test
    void untrustedChainIsCertificateUnknown() throws Exception {
        SelfSigned pki = SelfSigned.localhost();
        SelfSigned other = SelfSigned.create("other", 30, "localhost");
        SSLContext ctx = Engines.bastionContext(FakeHandshaker.factory(false, new ArrayList<>(), h -> h.serverChain = other.chain()),
                null, pki.trustManagers());
        SSLEngine[] p = pair(ctx, "localhost");
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Engines.pump(p[0], p[1]));
        assertTrue(e.getMessage().startsWith("PKIX path"), e.getMessage());
        assertEquals("Received fatal alert: certificate_unknown", alertAtServer(p));
    }

    @Test
    void plainTrustManagerGetsEndpointIdentificationToo() throws Exception {
        SelfSigned pki = SelfSigned.localhost();
        X509TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext ctx = Engines.bastionContext(FakeHandshaker.factory(false, new ArrayList<>(), h -> h.serverChain = pki.chain()),
                null, new TrustManager[] {trustAll});
        SSLEngine[] p = pair(ctx, "www.example.com");
        https(p[0]);
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Engines.pump(p[0], p[1]));
        assertTrue(e.getMessage().startsWith("No subject alternative DNS name matching www.example.com found: the "
                + "certificate names DNS names [localhost]"), e.getMessage());
        SSLEngine[] fine = pair(ctx, "www.example.com");
        Engines.pump(fine[0], fine[1]); // no endpoint identification asked for
    }

    @Test
    void noTrustManagerRefusesEveryChain() throws Exception {
        SelfSigned pki = SelfSigned.localhost();
        SSLContext ctx = Engines.bastionContext(FakeHandshaker.factory(false, new ArrayList<>(), h -> h.serverChain = pki.chain()),
                null, new TrustManager[0]);
        SSLEngine[] p = pair(ctx, "localhost");
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Engines.pump(p[0], p[1]));
        assertTrue(e.getMessage().contains("no X509TrustManager"), e.getMessage());
    }

    @Test
    void serverCredentialComesFromTheJdkKeyManager() throws Exception {
        SelfSigned pki = SelfSigned.localhost();
        List<FakeHandshaker> made = new ArrayList<>();
        SSLContext ctx = Engines.bastionContext(FakeHandshaker.factory(false, made, h -> h.chooseServerCredential = true),
                pki.keyManagers(), null);
        SSLEngine[] p = pair(ctx, "localhost");
        Engines.pump(p[0], p[1]);
        FakeHandshaker server = made.get(1);
        assertEquals(pki.certificate(), server.chosen.orElseThrow().chain().get(0));
        assertEquals(pki.keys().getPrivate(), server.chosen.orElseThrow().key());
    }

    @Test
    void noKeyManagerMeansNoCredential() throws Exception {
        List<FakeHandshaker> made = new ArrayList<>();
        SSLContext ctx = Engines.bastionContext(FakeHandshaker.factory(false, made, h -> h.chooseServerCredential = true), null, null);
        SSLEngine[] p = pair(ctx, "localhost");
        Engines.pump(p[0], p[1]);
        assertEquals(Optional.empty(), made.get(1).chosen);
    }

    @Test
    void alpnPrefersTheServersOrder() throws Exception {
        EngineCredentials c = credentials(new String[] {"h2", "http/1.1"});
        assertEquals(Optional.of("h2"), c.selectApplicationProtocol(List.of("http/1.1", "h2")));
        assertEquals(Optional.of("http/1.1"), c.selectApplicationProtocol(List.of("http/1.1")));
        TlsAlert none = assertThrows(TlsAlert.class, () -> c.selectApplicationProtocol(List.of("spdy/3")));
        assertEquals(AlertDescription.NO_APPLICATION_PROTOCOL, none.alert());
        assertEquals(Optional.empty(), credentials(new String[0]).selectApplicationProtocol(List.of("h2")), "no ALPN configured");
    }

    @Test
    void alpnNamesAreComparedInTheConfiguredCharsetAndTheClientsBytesAreAnswered() throws Exception {
        // "é" on the wire as UTF-8 (C3 A9), as the handshake holds it: one char per byte
        String utf8OnWire = new String("\u00e9t\u00e9".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        EngineCredentials utf8 = credentials(new String[] {"\u00e9t\u00e9"}, StandardCharsets.UTF_8);
        assertEquals(Optional.of(utf8OnWire), utf8.selectApplicationProtocol(List.of("h2", utf8OnWire)));
        // the same bytes read as ISO-8859-1 (the default) are another name, so nothing matches
        EngineCredentials latin1 = credentials(new String[] {"\u00e9t\u00e9"}, StandardCharsets.ISO_8859_1);
        assertEquals(AlertDescription.NO_APPLICATION_PROTOCOL,
                assertThrows(TlsAlert.class, () -> latin1.selectApplicationProtocol(List.of(utf8OnWire))).alert());
        assertEquals(Optional.of("\u00e9t\u00e9"), latin1.selectApplicationProtocol(List.of("\u00e9t\u00e9")));
        // a name that is no valid UTF-8 decodes lossily (U+FFFD), yet the client's own bytes go back
        String invalid = "\u00ff";
        EngineCredentials replacement = credentials(new String[] {"\ufffd"}, StandardCharsets.UTF_8);
        assertEquals(Optional.of(invalid), replacement.selectApplicationProtocol(List.of(invalid)));
    }

    @Test
    void alpnSelectorDecidesWhenSet() throws Exception {
        SSLEngine engine = Engines.bastionContext(config -> null, null, null).createSSLEngine();
        EngineCredentials c = new EngineCredentials((BastionEngine) engine, null, null,
                dev.bastion.tls.connection.config.DisabledAlgorithms.NONE, noStapling(), StandardCharsets.ISO_8859_1);
        engine.setHandshakeApplicationProtocolSelector((e, offered) -> offered.get(offered.size() - 1));
        assertEquals(Optional.of("b"), c.selectApplicationProtocol(List.of("a", "b")));
        engine.setHandshakeApplicationProtocolSelector((e, offered) -> "");
        assertEquals(Optional.empty(), c.selectApplicationProtocol(List.of("a")));
        engine.setHandshakeApplicationProtocolSelector((e, offered) -> null);
        assertEquals(AlertDescription.NO_APPLICATION_PROTOCOL,
                assertThrows(TlsAlert.class, () -> c.selectApplicationProtocol(List.of("a"))).alert());
        engine.setHandshakeApplicationProtocolSelector((e, offered) -> "c");
        assertEquals(AlertDescription.NO_APPLICATION_PROTOCOL,
                assertThrows(TlsAlert.class, () -> c.selectApplicationProtocol(List.of("a"))).alert());
    }

    @Test
    void certificateExceptionsMapToSunJsseAlerts() {
        assertEquals(AlertDescription.CERTIFICATE_EXPIRED,
                CertificateAlerts.of(new CertificateException(new CertificateExpiredException("old")), "server").alert());
        assertEquals(AlertDescription.CERTIFICATE_EXPIRED, CertificateAlerts.of(new CertificateExpiredException("old"), "server").alert());
        assertEquals(AlertDescription.CERTIFICATE_REVOKED, CertificateAlerts.of(new CertificateException(
                new CertPathValidatorException("revoked", null, null, -1, CertPathValidatorException.BasicReason.REVOKED)), "server").alert());
        assertEquals(AlertDescription.BAD_CERTIFICATE, CertificateAlerts.of(new IllegalArgumentException("empty chain"), "client").alert());
        TlsAlert unknown = CertificateAlerts.of(new CertificateException("PKIX path building failed"), "server");
        assertEquals(AlertDescription.CERTIFICATE_UNKNOWN, unknown.alert());
        assertEquals("PKIX path building failed", unknown.getMessage());
    }

    private static EngineCredentials credentials(String[] alpn) throws Exception {
        return credentials(alpn, StandardCharsets.ISO_8859_1);
    }

    private static EngineCredentials credentials(String[] alpn, Charset alpnCharset) throws Exception {
        SSLEngine engine = Engines.bastionContext(config -> null, null, null).createSSLEngine();
        SSLParameters p = engine.getSSLParameters();
        p.setApplicationProtocols(alpn);
        engine.setSSLParameters(p);
        return new EngineCredentials((BastionEngine) engine, null, null, dev.bastion.tls.connection.config.DisabledAlgorithms.NONE,
                noStapling(), alpnCharset);
    }

    /** Lets the failed client's alert reach the server; returns the server's exception message. */
    private static String alertAtServer(SSLEngine[] p) throws Exception {
        ByteBuffer net = ByteBuffer.allocate(1 << 16);
        while (p[0].wrap(Engines.EMPTY, net).bytesProduced() > 0) {
            // the fatal alert (after anything queued before it)
        }
        net.flip();
        try {
            while (net.hasRemaining()) {
                if (p[1].getHandshakeStatus() == javax.net.ssl.SSLEngineResult.HandshakeStatus.NEED_TASK) {
                    p[1].getDelegatedTask().run();
                }
                p[1].unwrap(net, ByteBuffer.allocate(1 << 16));
            }
        } catch (SSLException e) {
            return e.getMessage();
        }
        return "no alert";
    }

    private static OcspStapler noStapling() {
        return OcspStapler.from(dev.bastion.tls.connection.config.PropertySource.of(java.util.Map.of(), java.util.Map.of()));
    }
}
