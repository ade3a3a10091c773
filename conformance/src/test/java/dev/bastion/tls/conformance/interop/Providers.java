package dev.bastion.tls.conformance.interop;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;

/**
 * The JSSE providers the interop tests run against real peers. Every interop test is
 * parameterized by a provider name from here: adding {@code "Bastion"} to a list runs the
 * whole matrix on Bastion's {@code SSLContext}.
 */
public final class Providers {
    /** Providers whose TLS 1.3 {@code SSLContext} / {@code SSLEngine} is tested against the peers. */
    public static final List<String> UNDER_TEST = List.of("SunJSSE", "Bastion");

    /** Providers whose TLS 1.2 support is tested against the peers. */
    public static final List<String> UNDER_TEST_TLS12 = List.of("SunJSSE", "Bastion");

    /** Providers that offer and accept {@code X25519MLKEM768} (SunJSSE on JDK 17 does not). */
    public static final Set<String> WITH_X25519MLKEM768 = Set.of("Bastion");

    /**
     * The fatal alert a TLS 1.3 server of this provider sends when it needs a client
     * certificate and gets none. RFC 8446 §4.4.2.4 suggests {@code certificate_required}
     * (116); SunJSSE sent {@code bad_certificate} (42) until JDK-8311644, fixed in JDK 22 (so
     * 17.0.15 sends 42, 25 sends 116).
     */
    public static int missingClientCertificateAlert(String provider) {
        return provider.equals("SunJSSE") && Runtime.version().feature() < 22 ? 42 : 116;
    }

    private Providers() {
    }

    /** Parameter source: {@code @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")}. */
    public static Stream<String> underTest() {
        return UNDER_TEST.stream();
    }

    public static Stream<String> underTestTls12() {
        return UNDER_TEST_TLS12.stream();
    }

    /** The group a client or server of {@code provider} must end up with against a peer preferring X25519MLKEM768 then x25519. */
    public static String expectedHybridGroup(String provider) {
        return WITH_X25519MLKEM768.contains(provider) ? "X25519MLKEM768" : "x25519";
    }

    /**
     * The named provider: installed ones first, else found through {@code ServiceLoader}
     * (Bastion registers itself there), so no {@code java.security} change is needed.
     */
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
        throw new IllegalArgumentException("no JSSE provider named " + name);
    }

    /** {@code SSLContext.getInstance(protocol, provider)} initialised with the given managers. */
    public static SSLContext context(String provider, String protocol, KeyManager[] keys, TrustManager[] trust) {
        try {
            SSLContext ctx = SSLContext.getInstance(protocol, provider(provider));
            ctx.init(keys, trust, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(provider + " cannot make an SSLContext " + protocol, e);
        }
    }

    /**
     * A Bastion "TLS" context that reads the system properties {@code system} instead of this
     * JVM's (for settings SunJSSE reads once per JVM), with the key managers {@code keys}.
     */
    public static SSLContext bastionWith(java.util.Map<String, String> system, KeyManager[] keys) {
        return bastionWith(system, java.util.Map.of(), keys);
    }

    /** As {@link #bastionWith(java.util.Map, KeyManager[])}, with security properties {@code security} too. */
    public static SSLContext bastionWith(java.util.Map<String, String> system, java.util.Map<String, String> security,
            KeyManager[] keys) {
        return bastionWith(system, security, keys, null);
    }

    /** As {@link #bastionWith(java.util.Map, java.util.Map, KeyManager[])}, trusting what {@code trust} trusts. */
    public static SSLContext bastionWith(java.util.Map<String, String> system, java.util.Map<String, String> security,
            KeyManager[] keys, javax.net.ssl.TrustManager[] trust) {
        SSLContext ctx = new SSLContext(new dev.bastion.tls.spi.BastionSSLContext("TLS",
                dev.bastion.tls.connection.config.PropertySource.of(system, security),
                dev.bastion.tls.connection.Handshakers.STANDARD), provider("Bastion"), "TLS") { };
        try {
            ctx.init(keys, trust, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return ctx;
    }

    /** A client engine for host {@code localhost} (port 443 is only a hint for session caching). */
    public static SSLEngine clientEngine(SSLContext ctx) {
        SSLEngine e = ctx.createSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        return e;
    }

    /**
     * False for SunJSSE (on JDK 17.0.15 and on JDK 25.0.3 alike): it strips leading zero bytes from the TLS 1.3 FFDHE shared
     * secret (JDK-8328046), which RFC 8446 §7.4.1 says to keep, so 1 handshake in 256 with a
     * conforming peer such as OpenSSL fails with bad_record_mac. Its ffdhe rows would only test
     * that bug, and make the run flaky.
     */
    static boolean conformsToFfdhePadding(String provider) {
        return !provider.equals("SunJSSE");
    }
}
