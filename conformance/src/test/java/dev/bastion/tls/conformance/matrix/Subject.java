package dev.bastion.tls.conformance.matrix;

import dev.bastion.tls.BastionSessions;
import dev.bastion.tls.conformance.interop.EngineClient;
import dev.bastion.tls.conformance.interop.EngineServer;
import dev.bastion.tls.conformance.interop.Providers;
import dev.bastion.tls.conformance.interop.TestPki;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The implementation under test (Bastion; SunJSSE with {@code -Dinterop.matrix.subject=SunJSSE},
 * to check the harness itself) and how it is forced to a case: version and suite on the engine,
 * group and signature schemes through {@code jdk.tls.namedGroups} and
 * {@code jdk.tls.client/server.SignatureSchemes}, which Bastion reads when a context is created
 * (the Java 17 API has no per-engine setting for either). The properties are set only while the
 * context is made, in the matrix's own JVM, after SunJSSE has read them once for itself.
 *
 * <p>The signature scheme list also holds the schemes of the test CAs' own signatures, so that
 * the chains stay acceptable as {@code signature_algorithms_cert}; the server still has exactly
 * one scheme for its key type and version.
 */
final class Subject {
    static final String CLIENT_SUBJECT = "CN=bastion-interop-client";
    private static final List<String> CA_SCHEMES = List.of("rsa_pkcs1_sha256", "ecdsa_secp256r1_sha256", "ed25519");
    private static final Object PROPERTIES = new Object();

    final String provider;
    final TestPki pki;
    final BastionTrace trace;

    Subject(String provider, TestPki pki) {
        this.provider = provider;
        this.pki = pki;
        this.trace = BastionTrace.install();
    }

    boolean isBastion() {
        return provider.equals("Bastion");
    }

    /** Whether the subject's handshake trace is there to read (Bastion, with the trace on). */
    boolean traced() {
        return isBastion() && trace.active();
    }

    /** A context for the subject's side of {@code c}: the server certificate of the case, or the client's. */
    SSLContext context(MatrixCase c) {
        KeyManager[] keys = c.role() == Role.SERVER ? TestPki.keyManagers(List.of(pki.server(c.certificate())))
                : c.clientAuth() ? TestPki.keyManagers(List.of(pki.client())) : null;
        synchronized (PROPERTIES) {
            Map<String, String> saved = new LinkedHashMap<>();
            if (isBastion()) {
                if (!c.groups().isEmpty()) {
                    set(saved, "jdk.tls.namedGroups", String.join(",", c.groups()));
                }
                if (c.schemeChecked()) {
                    String side = c.role() == Role.SERVER ? "server" : "client";
                    set(saved, "jdk.tls." + side + ".SignatureSchemes", c.scheme() + "," + String.join(",", CA_SCHEMES));
                }
            }
            try {
                SSLContext ctx = SSLContext.getInstance("TLS", Providers.provider(provider));
                ctx.init(keys, pki.trustManagers(), null);
                return ctx;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(provider + " cannot make a context for " + c.id(), e);
            } finally {
                saved.forEach((k, v) -> {
                    if (v == null) {
                        System.clearProperty(k);
                    } else {
                        System.setProperty(k, v);
                    }
                });
            }
        }
    }

    /** An engine of {@code ctx} for the case: one version, one suite; a server requires a client certificate when asked. */
    SSLEngine engine(SSLContext ctx, MatrixCase c) {
        SSLEngine e = c.role() == Role.CLIENT ? ctx.createSSLEngine("localhost", 443) : ctx.createSSLEngine();
        e.setUseClientMode(c.role() == Role.CLIENT);
        e.setEnabledProtocols(new String[] {c.version()});
        e.setEnabledCipherSuites(new String[] {c.suite()});
        SSLParameters p = e.getSSLParameters();
        if (c.role() == Role.CLIENT) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        } else {
            p.setNeedClientAuth(c.clientAuth());
        }
        e.setSSLParameters(p);
        return e;
    }

    /** The group Bastion's session names ("" for other providers). */
    static String group(SSLEngine e) {
        return BastionSessions.namedGroup(e.getSession()).orElse("");
    }

    /** The subject as a server for one case; its connections are traced under the returned server's thread name. */
    EngineServer server(MatrixCase c, String name) throws IOException {
        SSLContext ctx = context(c);
        return new EngineServer(name, () -> engine(ctx, c), null, Subject::group);
    }

    /** The thread name an {@link EngineServer} called {@code name} serves on. */
    static String serverThread(String name) {
        return "interop-server-" + name;
    }

    /** One request from the subject as a client, with the trace this thread logged meanwhile. */
    Observed get(SSLContext ctx, MatrixCase c, int port) throws IOException {
        trace.take(Thread.currentThread().getName());
        EngineClient.Exchange x = EngineClient.get(engine(ctx, c), port, null, Subject::group);
        return new Observed(x.session(), x.note(), x.wire(), trace.take(Thread.currentThread().getName()),
                x.body());
    }

    private static void set(Map<String, String> saved, String key, String value) {
        saved.put(key, System.getProperty(key));
        System.setProperty(key, value);
    }
}
