package dev.bastion.tls.conformance.cli;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.List;
import java.util.ServiceLoader;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * The TLS side of a {@code bastion} command: which JSSE provider ({@code --provider}, Bastion by
 * default), protocols ({@code --tls1.2}, {@code --tls1.3}), suites ({@code --suites}), ALPN
 * ({@code --alpn}), and the key and trust managers; builds the {@link SSLContext} and configures
 * each {@link SSLEngine}.
 *
 * <p>Named groups have no per-engine setting in the Java 17 API, so {@code --groups} sets
 * {@code jdk.tls.namedGroups}, which Bastion reads when a context is created and SunJSSE once
 * per JVM: {@link #applyProcessWide} must run before any context exists.
 */
public final class TlsSetup {
    /** Options every command accepts, with a value. */
    static final List<String> VALUED = List.of("provider", "groups", "suites", "alpn", "cert", "key", "keystore",
            "storepass", "cafile");
    /** Options every command accepts, without a value. */
    static final List<String> SWITCHES = List.of("tls1.2", "tls1.3", "trace");

    private final Provider provider;
    private final String[] protocols;
    private final String[] suites;
    private final String[] alpn;
    private final KeyManager[] keys;
    private final TrustManager[] trust;

    TlsSetup(Provider provider, String[] protocols, String[] suites, String[] alpn, KeyManager[] keys,
            TrustManager[] trust) {
        this.provider = provider;
        this.protocols = protocols;
        this.suites = suites;
        this.alpn = alpn;
        this.keys = keys;
        this.trust = trust;
    }

    /**
     * What the options change for the whole JVM: {@code --groups} ({@code jdk.tls.namedGroups})
     * and {@code --trace} (Bastion's {@code dev.bastion.tls.debug=handshake}, or SunJSSE's
     * {@code javax.net.debug=ssl:handshake}). Call first, before the provider makes any context.
     */
    public static void applyProcessWide(Options o) {
        List<String> groups = o.list("groups");
        if (!groups.isEmpty()) {
            System.setProperty("jdk.tls.namedGroups", String.join(",", groups));
        }
        if (o.has("trace")) {
            TraceOutput.enable(o.value("provider").orElse("Bastion"));
        }
    }

    /**
     * The setup for {@code o}: key managers as given (null when none), trust from
     * {@code --cafile}, else {@code fallbackTrust}.
     */
    static TlsSetup from(Options o, KeyManager[] keys, TrustManager[] fallbackTrust) throws Exception {
        TrustManager[] trust = o.value("cafile").isPresent()
                ? KeyMaterial.trustManagers(Path.of(o.value("cafile").get())) : fallbackTrust;
        List<String> suites = o.list("suites");
        return new TlsSetup(provider(o.value("provider").orElse("Bastion")), protocols(o),
                suites.isEmpty() ? null : suites.toArray(new String[0]), o.list("alpn").toArray(new String[0]), keys,
                trust);
    }

    /** Key managers from {@code --cert}/{@code --key} or {@code --keystore}/{@code --storepass}; null when neither. */
    static KeyManager[] keysFrom(Options o) throws Exception {
        o.together("cert", "key");
        if (o.value("cert").isPresent() && o.value("keystore").isPresent()) {
            throw new UsageException("give either --cert/--key or --keystore, not both");
        }
        if (o.value("cert").isPresent()) {
            return KeyMaterial.keyManagers(KeyMaterial.privateKey(Path.of(o.value("key").get())),
                    KeyMaterial.certificates(Path.of(o.value("cert").get())));
        }
        if (o.value("keystore").isPresent()) {
            return KeyMaterial.keyManagers(Path.of(o.value("keystore").get()),
                    o.value("storepass").orElse("").toCharArray());
        }
        return null;
    }

    /** The JSSE provider by name: an installed one, else one registered with {@code ServiceLoader} (Bastion). */
    public static Provider provider(String name) {
        Provider p = Security.getProvider(name);
        if (p != null) {
            return p;
        }
        for (Provider candidate : ServiceLoader.load(Provider.class)) {
            if (candidate.getName().equals(name)) {
                return candidate;
            }
        }
        throw new UsageException("no JSSE provider named " + name + " (is its jar on the class path?)");
    }

    public Provider provider() {
        return provider;
    }

    /** A fresh, initialised {@code SSLContext "TLS"} of the provider. */
    public SSLContext context() throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS", provider);
        ctx.init(keys, trust, new SecureRandom());
        return ctx;
    }

    /**
     * A client engine for {@code host:port} (the session cache key, and SNI for a host name),
     * checking the server's name unless {@code verifyHost} is false.
     */
    public SSLEngine clientEngine(SSLContext ctx, String host, int port, boolean verifyHost) {
        SSLEngine e = ctx.createSSLEngine(host, port);
        e.setUseClientMode(true);
        configure(e, verifyHost ? "HTTPS" : null, false);
        return e;
    }

    /** A server engine, requiring a client certificate when {@code needClientAuth}. */
    public SSLEngine serverEngine(SSLContext ctx, boolean needClientAuth) {
        SSLEngine e = ctx.createSSLEngine();
        e.setUseClientMode(false);
        configure(e, null, needClientAuth);
        return e;
    }

    private void configure(SSLEngine e, String endpointIdentification, boolean needClientAuth) {
        if (protocols != null) {
            e.setEnabledProtocols(protocols);
        }
        if (suites != null) {
            e.setEnabledCipherSuites(suites);
        }
        SSLParameters p = e.getSSLParameters();
        if (alpn.length > 0) {
            p.setApplicationProtocols(alpn);
        }
        if (endpointIdentification != null) {
            p.setEndpointIdentificationAlgorithm(endpointIdentification);
        }
        if (needClientAuth) {
            p.setNeedClientAuth(true);
        }
        e.setSSLParameters(p);
    }

    private static String[] protocols(Options o) {
        boolean v12 = o.has("tls1.2");
        boolean v13 = o.has("tls1.3");
        if (v12 && v13) {
            return new String[] {"TLSv1.3", "TLSv1.2"};
        }
        return v12 ? new String[] {"TLSv1.2"} : v13 ? new String[] {"TLSv1.3"} : null;
    }
}
