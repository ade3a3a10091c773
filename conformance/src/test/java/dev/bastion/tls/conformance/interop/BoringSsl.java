package dev.bastion.tls.conformance.interop;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.internal.tcnative.SSL;
import io.netty.util.ReferenceCountUtil;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * BoringSSL as an in-process peer: Netty's OpenSSL {@code SSLEngine}
 * ({@code ReferenceCountedOpenSslEngine}) over netty-tcnative's statically linked BoringSSL.
 * Its engines run in {@link EngineServer} / {@link EngineClient} like any other, and
 * {@link #group(SSLEngine)} asks BoringSSL itself which group it negotiated.
 */
public final class BoringSsl {
    /** TLS 1.2 AEAD suites BoringSSL has (no DHE). */
    private static final List<String> TLS12_AEAD_SUITES = List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_256_GCM_SHA384");

    private BoringSsl() {
    }

    /** Throws, with netty's reason, when the native library cannot be loaded. */
    public static void ensureAvailable() {
        OpenSsl.ensureAvailability();
    }

    /** The library's version string (e.g. "BoringSSL"). */
    public static String version() {
        return OpenSsl.versionString();
    }

    /** A TLS 1.3 server context with the given certificate, groups (BoringSSL names, preference order) and ALPN. */
    public static SslContext server(TestPki.Credential cert, TestPki pki, List<String> groups, boolean needClientAuth,
            List<String> alpn) throws SSLException {
        return server(cert, pki, groups, needClientAuth, alpn, "TLSv1.3");
    }

    /** A server context for one protocol ({@code TLSv1.3} or {@code TLSv1.2}). */
    public static SslContext server(TestPki.Credential cert, TestPki pki, List<String> groups, boolean needClientAuth,
            List<String> alpn, String protocol) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forServer(cert.key(), cert.chain().toArray(new X509Certificate[0]));
        b.trustManager(pki.ca(TestPki.ServerKey.EC));
        b.clientAuth(needClientAuth ? ClientAuth.REQUIRE : ClientAuth.NONE);
        return configure(b, groups, alpn, protocol);
    }

    /** A TLS 1.3 client context trusting the test CAs, optionally with the client certificate. */
    public static SslContext client(TestPki pki, List<String> groups, boolean withCertificate, List<String> alpn)
            throws SSLException {
        return client(pki, groups, withCertificate, alpn, "TLSv1.3");
    }

    /** A client context for one protocol ({@code TLSv1.3} or {@code TLSv1.2}). */
    public static SslContext client(TestPki pki, List<String> groups, boolean withCertificate, List<String> alpn,
            String protocol) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forClient().trustManager(pki.trustManagers()[0] instanceof
                javax.net.ssl.X509TrustManager tm ? tm : null);
        if (withCertificate) {
            TestPki.Credential c = pki.client();
            b.keyManager(c.key(), c.chain().toArray(new X509Certificate[0]));
        }
        return configure(b, groups, alpn, protocol);
    }

    private static SslContext configure(SslContextBuilder b, List<String> groups, List<String> alpn, String protocol)
            throws SSLException {
        if (protocol.equals("TLSv1.2")) {
            b.ciphers(TLS12_AEAD_SUITES); // Netty's default list lacks some of them (ChaCha20, RSA AES-256)
        }
        b.sslProvider(SslProvider.OPENSSL).protocols(protocol)
                .option(OpenSslContextOption.GROUPS, groups.toArray(new String[0]));
        if (!alpn.isEmpty()) {
            b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
        }
        return b.build();
    }

    /** A new engine (client engines are made for host {@code localhost}, port 443). */
    public static SSLEngine engine(SslContext ctx) {
        return ctx.isClient() ? ctx.newEngine(UnpooledByteBufAllocator.DEFAULT, "localhost", 443)
                : ctx.newEngine(UnpooledByteBufAllocator.DEFAULT);
    }

    /**
     * The group BoringSSL negotiated on this engine, by its IANA name (BoringSSL says
     * {@code X25519}, {@code P-256}...); call after the handshake, before release.
     */
    public static String group(SSLEngine engine) {
        String name;
        try {
            name = SSL.getGroupName(((ReferenceCountedOpenSslEngine) engine).sslPointer());
        } catch (Exception e) {
            throw new IllegalStateException("BoringSSL cannot tell the group", e);
        }
        return switch (String.valueOf(name)) {
            case "X25519" -> "x25519";
            case "X448" -> "x448";
            case "P-256" -> "secp256r1";
            case "P-384" -> "secp384r1";
            case "P-521" -> "secp521r1";
            default -> name;
        };
    }

    /** Whether BoringSSL resumed a session on this engine; call after the handshake, before release. */
    public static boolean resumed(SSLEngine engine) {
        return SSL.isSessionReused(((ReferenceCountedOpenSslEngine) engine).sslPointer());
    }

    /** Frees the engine's native state. */
    public static void release(SSLEngine engine) {
        ReferenceCountUtil.release(engine);
    }
}
