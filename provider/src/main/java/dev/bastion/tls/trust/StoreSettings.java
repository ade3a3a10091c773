package dev.bastion.tls.trust;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.function.UnaryOperator;

/**
 * Where a default key or trust store comes from, read from the {@code javax.net.ssl.*} system
 * properties the JSSE Reference Guide documents ("Customizing the Default Keystores and
 * Truststores, Store Types, and Store Passwords").
 *
 * @param what {@code "key store"} or {@code "trust store"}, for messages
 * @param property the location property ({@code javax.net.ssl.keyStore}); the others are it plus
 *     {@code Type}, {@code Provider}, {@code Password}
 * @param location a file path, {@code "NONE"} for a store that is not a file (PKCS#11), or null
 *     for no store at all
 * @param type the key store type (default {@link KeyStore#getDefaultType()})
 * @param provider the key store provider's name, or null for any
 * @param password the store password, or null
 */
record StoreSettings(String what, String property, String location, String type, String provider, char[] password) {
    /** The location that names a key store without a file (a PKCS#11 token, say). */
    static final String NONE = "NONE";

    /** {@code javax.net.ssl.keyStore*}; no {@code keyStore} property means no key store. */
    static StoreSettings keyStore(UnaryOperator<String> system) {
        return read(system, "key store", "javax.net.ssl.keyStore", null);
    }

    /**
     * {@code javax.net.ssl.trustStore*}; without a {@code trustStore} property,
     * {@code $JAVA_HOME/lib/security/jssecacerts} if it exists, else {@code cacerts} there, else
     * no store (nothing is trusted).
     */
    static StoreSettings trustStore(UnaryOperator<String> system) {
        return read(system, "trust store", "javax.net.ssl.trustStore", jdkTrustStore(system));
    }

    private static StoreSettings read(UnaryOperator<String> system, String what, String property, String fallback) {
        String location = blankToNull(system.apply(property));
        String type = blankToNull(system.apply(property + "Type"));
        String password = system.apply(property + "Password");
        return new StoreSettings(what, property, location != null ? location : fallback,
                type != null ? type : KeyStore.getDefaultType(),
                blankToNull(system.apply(property + "Provider")),
                password == null ? null : password.toCharArray());
    }

    private static String jdkTrustStore(UnaryOperator<String> system) {
        String home = system.apply("java.home");
        if (home == null) {
            home = System.getProperty("java.home");
        }
        Path dir = Paths.get(home, "lib", "security");
        for (String name : new String[] {"jssecacerts", "cacerts"}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** A description for messages: the location and the property that set it, the type. */
    String describe() {
        return what + " " + location + " (" + property + ", type " + type + (provider == null ? "" : ", provider " + provider) + ")";
    }
}
