package dev.bastion.tls.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The default key and trust managers, from the {@code javax.net.ssl.*} system properties the
 * JDK documents (JSSE Reference Guide, "Customizing the Default Keystores and Truststores"):
 *
 * <ul>
 * <li>Key managers (used by the {@code "Default"} context only; {@code init(null, ...)} means
 *     no keys, as in SunJSSE): {@code javax.net.ssl.keyStore} (a path, or {@code NONE} for a
 *     keystore that is not file based), {@code javax.net.ssl.keyStoreType} (default
 *     {@link KeyStore#getDefaultType()}), {@code javax.net.ssl.keyStoreProvider},
 *     {@code javax.net.ssl.keyStorePassword}; through the JDK's default
 *     {@link KeyManagerFactory} algorithm. No {@code keyStore} property: no keys.</li>
 * <li>Trust managers: the JDK's default {@link TrustManagerFactory} algorithm (PKIX)
 *     initialised with a null keystore, which reads {@code javax.net.ssl.trustStore*},
 *     {@code jssecacerts} and {@code cacerts} itself.</li>
 * </ul>
 */
public final class KeyStoreLoader {
    private KeyStoreLoader() {
    }

    /** The default trust managers (see the class comment). */
    public static TrustManager[] defaultTrustManagers() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        return tmf.getTrustManagers();
    }

    /** The default key managers from the system properties. */
    public static KeyManager[] defaultKeyManagers() throws GeneralSecurityException, IOException {
        return defaultKeyManagers(System::getProperty);
    }

    /** The default key managers from {@code properties} (see the class comment). */
    public static KeyManager[] defaultKeyManagers(UnaryOperator<String> properties) throws GeneralSecurityException, IOException {
        String location = properties.apply("javax.net.ssl.keyStore");
        String type = orDefault(properties.apply("javax.net.ssl.keyStoreType"), KeyStore.getDefaultType());
        String provider = properties.apply("javax.net.ssl.keyStoreProvider");
        String password = properties.apply("javax.net.ssl.keyStorePassword");
        char[] pass = password == null ? null : password.toCharArray();
        KeyStore ks = null;
        if (location != null && !location.isEmpty()) {
            ks = provider == null || provider.isEmpty() ? KeyStore.getInstance(type) : KeyStore.getInstance(type, provider);
            if ("NONE".equals(location)) {
                ks.load(null, pass);
            } else {
                try (InputStream in = Files.newInputStream(Paths.get(location))) {
                    ks.load(in, pass);
                }
            }
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pass);
        return kmf.getKeyManagers();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
