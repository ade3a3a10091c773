package dev.bastion.tls.conformance.fuzz;

import dev.bastion.tls.conformance.interop.Providers;
import dev.bastion.tls.conformance.interop.TestPki;
import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * The engines the engine fuzz targets attack, and the client configurations ("variants") whose
 * ClientHello opens a server's input. Contexts use the interop test credentials: the server
 * holds an RSA and an ECDSA certificate (so RSA key transport, DHE_RSA and ECDHE suites can all
 * be chosen); clients trust the test CAs and can present the test client certificate.
 */
final class EngineFixtures {
    /** How a client is configured; the variant's index is the fuzz input's first byte (mod count). */
    enum Variant {
        /** Bastion's defaults: TLS 1.3 and 1.2, key shares. */
        BASTION_DEFAULT("Bastion", null, null),
        /** TLS 1.2 only, ECDHE suites. */
        TLS12_ECDHE("Bastion", "TLSv1.2", new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"}),
        /** TLS 1.2 only, DHE_RSA (ServerKeyExchange with finite-field parameters). */
        TLS12_DHE("Bastion", "TLSv1.2", new String[] {"TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"}),
        /** TLS 1.2 only, RSA key transport (the client's premaster secret under the server's key). */
        TLS12_RSA("Bastion", "TLSv1.2", new String[] {"TLS_RSA_WITH_AES_256_GCM_SHA384"}),
        /** TLS 1.3 only, a single suite. */
        TLS13_CHACHA("Bastion", "TLSv1.3", new String[] {"TLS_CHACHA20_POLY1305_SHA256"}),
        /** The JDK's own client: another ClientHello shape. */
        SUNJSSE("SunJSSE", null, null);

        final String provider;
        final String protocol;
        final String[] suites;

        Variant(String provider, String protocol, String[] suites) {
            this.provider = provider;
            this.protocol = protocol;
            this.suites = suites;
        }

        static Variant of(int selector) {
            return values()[(selector & 0xFF) % values().length];
        }
    }

    private static volatile SSLContext bastionServer;
    private static final SSLContext[] CLIENTS = new SSLContext[Variant.values().length];
    private static final byte[][] HELLOS = new byte[Variant.values().length][];

    private EngineFixtures() {
    }

    /**
     * Makes the test PKI, the contexts and every variant's ClientHello now, so that this one-off
     * cost (seconds: RSA keys) falls on class initialization and not on the first fuzz input.
     */
    static void warmUp() {
        server(false);
        for (Variant v : Variant.values()) {
            clientHello(v);
        }
    }

    /** A new Bastion server engine that accepts every suite it supports; client auth wanted if asked. */
    static SSLEngine server(boolean wantClientAuth) {
        if (bastionServer == null) {
            synchronized (EngineFixtures.class) {
                if (bastionServer == null) {
                    TestPki pki = TestPki.get();
                    bastionServer = Providers.context("Bastion", "TLS",
                            TestPki.keyManagers(List.of(pki.server(ServerKey.EC), pki.server(ServerKey.RSA))),
                            pki.trustManagers());
                }
            }
        }
        SSLEngine e = bastionServer.createSSLEngine();
        e.setUseClientMode(false);
        e.setEnabledCipherSuites(e.getSupportedCipherSuites());
        e.setWantClientAuth(wantClientAuth);
        return e;
    }

    /** A new client engine of {@code v} for localhost (with the test client certificate if asked for). */
    static synchronized SSLEngine client(Variant v) {
        if (CLIENTS[v.ordinal()] == null) {
            TestPki pki = TestPki.get();
            CLIENTS[v.ordinal()] = Providers.context(v.provider, "TLS",
                    TestPki.keyManagers(List.of(pki.client())), pki.trustManagers());
        }
        SSLEngine e = CLIENTS[v.ordinal()].createSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        if (v.protocol != null) {
            e.setEnabledProtocols(new String[] {v.protocol});
        }
        if (v.suites != null) {
            e.setEnabledCipherSuites(v.suites);
        }
        return e;
    }

    /** The first flight (the ClientHello records) of a client of {@code v}; made once per JVM. */
    static synchronized byte[] clientHello(Variant v) {
        if (HELLOS[v.ordinal()] == null) {
            HELLOS[v.ordinal()] = firstFlight(client(v));
        }
        return HELLOS[v.ordinal()].clone();
    }

    /** What a client engine writes before it needs input. */
    static byte[] firstFlight(SSLEngine client) {
        try {
            client.beginHandshake();
            ByteBuffer net = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
            SSLEngineResult r = client.wrap(ByteBuffer.allocate(0), net);
            if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesProduced() == 0) {
                throw new IllegalStateException("client wrote no ClientHello: " + r);
            }
            return Arrays.copyOf(net.array(), net.position());
        } catch (SSLException e) {
            throw new IllegalStateException("client could not start", e);
        }
    }

    /** {@code a || b}. */
    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
