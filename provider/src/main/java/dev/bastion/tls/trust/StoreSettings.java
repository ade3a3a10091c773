package dev.bastion.tls.trust;

import dev.bastion.tls.diag.Trace;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
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
 * @param password the store password, or null (an empty property means null, as in SunJSSE:
 *     a JKS or PKCS#12 store then loads without its integrity check, and a PKCS#12 store
 *     without the certificates it encrypted)
 */
record StoreSettings(String what, String property, String location, String type, String provider, char[] password) {
    /** The location that names a key store without a file (a PKCS#11 token, say). */
    static final String NONE = "NONE";
    private static final Trace TRACE = Trace.get("trust");

    /** {@code javax.net.ssl.keyStore*}; no {@code keyStore} property means no key store. */
    static StoreSettings keyStore(UnaryOperator<String> system) {
        String property = "javax.net.ssl.keyStore";
        return read(system, "key store", property, blankToNull(system.apply(property)));
    }

    /**
     * {@code javax.net.ssl.trustStore*}; without a {@code trustStore} property,
     * {@code $JAVA_HOME/lib/security/jssecacerts} if it exists, else {@code cacerts} there, else
     * no store (nothing is trusted). A {@code trustStore} that is neither {@code NONE} nor a
     * readable file (missing, a directory, empty) falls back to {@code cacerts}, never to
     * {@code jssecacerts}, with the other properties unchanged: what SunJSSE does on JDK 17 and 25
     * (observed), so a stale path does not break the Default context.
     */
    static StoreSettings trustStore(UnaryOperator<String> system) {
        String property = "javax.net.ssl.trustStore";
        String named = system.apply(property);
        String location;
        if (named == null) {
            location = jdkTrustStore(system, "jssecacerts", "cacerts");
        } else if (NONE.equals(named) || isReadableFile(named)) {
            location = named;
        } else {
            location = jdkTrustStore(system, "cacerts");
            TRACE.debug(() -> "the trust store '" + named + "' (" + property + ") is not a readable file: using "
                    + (location == null ? "no trust store (the JDK has no cacerts)" : location) + " instead");
        }
        return read(system, "trust store", property, location);
    }

    private static StoreSettings read(UnaryOperator<String> system, String what, String property, String location) {
        String type = blankToNull(system.apply(property + "Type"));
        String password = blankToNull(system.apply(property + "Password"));
        return new StoreSettings(what, property, location,
                type != null ? type : KeyStore.getDefaultType(),
                blankToNull(system.apply(property + "Provider")),
                password == null ? null : password.toCharArray());
    }

    private static boolean isReadableFile(String location) {
        try {
            Path p = Paths.get(location);
            return Files.isRegularFile(p) && Files.isReadable(p);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String jdkTrustStore(UnaryOperator<String> system, String... names) {
        String home = system.apply("java.home");
        if (home == null) {
            home = System.getProperty("java.home");
        }
        Path dir = Paths.get(home, "lib", "security");
        for (String name : names) {
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
