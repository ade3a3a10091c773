package dev.bastion.tls.it.support;

import dev.bastion.tls.it.support.Credentials.KeyType;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * What differs between the JDKs the tests run on (17 and 25), read from the running JDK itself
 * rather than hard-coded, so a test states one expectation that holds on each:
 *
 * <ul>
 * <li>Its {@code java.security}: JDK 24 and later put {@code TLS_RSA_*} (RSA key transport) in
 *     {@code jdk.tls.disabledAlgorithms}, JDK 17 does not; SunJSSE and Bastion both follow the
 *     property ({@link #suiteDisabled}).</li>
 * <li>Its SunJSSE, the reference: since JDK-8311644 (JDK 23, backported to 21.0.5) SunJSSE puts
 *     the alert's name in parentheses in front of the messages of the exceptions a fatal alert
 *     causes, and its TLS 1.3 client sends the alert that fits a certificate problem (RFC 8446
 *     §6.2, e.g. certificate_expired) where it sent certificate_unknown before
 *     ({@link #sunJsseNamesAlerts}).</li>
 * </ul>
 */
public final class RunningJdk {
    private static final List<String> SUN_SUPPORTED_SUITES = sunSupportedSuites();
    private static volatile Boolean sunJsseNamesAlerts;

    private RunningJdk() {
    }

    /**
     * Whether the running JDK disables {@code suite}: SunJSSE of this JVM does not support it
     * (it leaves disabled suites out of its supported ones) and {@code jdk.tls.disabledAlgorithms}
     * names it, exactly or by a pattern ending in {@code *} (JDK 24's {@code TLS_RSA_*}).
     *
     * @throws IllegalStateException when the two disagree: a suite SunJSSE dropped for another
     *     reason, or one the property names that SunJSSE still supports (JDK 17 does not read
     *     such patterns), is a surprise no test should absorb
     */
    public static boolean suiteDisabled(String suite) {
        boolean named = disabledAlgorithms().stream().anyMatch(a -> a.endsWith("*")
                ? suite.toUpperCase(Locale.ROOT).startsWith(a.substring(0, a.length() - 1).toUpperCase(Locale.ROOT))
                : a.equalsIgnoreCase(suite));
        boolean sunSupports = SUN_SUPPORTED_SUITES.contains(suite);
        if (named == sunSupports) {
            throw new IllegalStateException(suite + ": jdk.tls.disabledAlgorithms " + (named ? "names" : "does not name")
                    + " it, yet SunJSSE " + (sunSupports ? "supports" : "does not support") + " it: "
                    + Security.getProperty("jdk.tls.disabledAlgorithms"));
        }
        return named;
    }

    /** The first word of every entry of {@code jdk.tls.disabledAlgorithms} (the algorithm, without constraints). */
    private static List<String> disabledAlgorithms() {
        String property = Security.getProperty("jdk.tls.disabledAlgorithms");
        if (property == null) {
            return List.of();
        }
        return Arrays.stream(property.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.split("\\s+")[0]).toList();
    }

    private static List<String> sunSupportedSuites() {
        try {
            SSLContext sun = SSLContext.getInstance("TLS", "SunJSSE");
            sun.init(null, null, null);
            return List.of(sun.getSupportedSSLParameters().getCipherSuites());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether SunJSSE of this JVM has JDK-8311644 (see the class comment), found out by a TLS 1.3
     * handshake between SunJSSE engines in which the server requires a certificate the client
     * does not have: the server's exception then reads "(certificate_required) ..." with the
     * change, and has no such prefix without it.
     */
    public static boolean sunJsseNamesAlerts() {
        Boolean known = sunJsseNamesAlerts;
        if (known == null) {
            known = probeAlertNames();
            sunJsseNamesAlerts = known;
        }
        return known;
    }

    private static boolean probeAlertNames() {
        try {
            SSLEngine client = Credentials.get().context("SunJSSE", null, false).createSSLEngine("localhost", 443);
            SSLEngine server = Credentials.get().context("SunJSSE", KeyType.EC_P256, true).createSSLEngine();
            client.setEnabledProtocols(new String[] {"TLSv1.3"});
            server.setEnabledProtocols(new String[] {"TLSv1.3"});
            server.setNeedClientAuth(true);
            try {
                new EnginePair(client, server).handshake();
            } catch (SSLException e) {
                return e.getMessage().startsWith("(certificate_required) ");
            }
            throw new IllegalStateException("SunJSSE's server accepted a client without a certificate");
        } catch (Exception e) {
            throw new IllegalStateException("probing SunJSSE", e);
        }
    }
}
