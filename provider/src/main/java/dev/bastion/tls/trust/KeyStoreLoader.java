package dev.bastion.tls.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchProviderException;
import java.security.UnrecoverableKeyException;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The default key and trust managers, built like SunJSSE's from the {@code javax.net.ssl.*}
 * system properties ({@link StoreSettings}) and always with Bastion's own managers
 * ({@link PkixKeyManager}, {@link PkixTrustManager}), so that nothing depends on SunJSSE.
 *
 * <ul>
 * <li>Key managers (the {@code "Default"} context only; {@code init(null, ...)} means no keys,
 *     as in SunJSSE): {@code javax.net.ssl.keyStore} (a path, or {@code NONE}),
 *     {@code keyStoreType}, {@code keyStoreProvider}, {@code keyStorePassword}; every key entry
 *     must open with that password (as SunJSSE's default "SunX509" key manager requires).</li>
 * <li>Trust managers: {@code javax.net.ssl.trustStore} (a path, or {@code NONE}),
 *     {@code trustStoreType}, {@code trustStoreProvider}, {@code trustStorePassword}, else
 *     {@code jssecacerts}, else {@code cacerts}; revocation per {@code com.sun.net.ssl.checkRevocation}.</li>
 * <li>An empty password property means no password (null), as in SunJSSE.</li>
 * <li>Bad configuration fails at once, with a message that names the file and the property:
 *     a key store file that does not exist, a wrong password, an unknown store type or
 *     provider, {@code keyStoreType=PKCS11} without {@code keyStore=NONE} (as SunJSSE). A trust
 *     store file that does not exist falls back to {@code cacerts} (see {@link StoreSettings#trustStore}).</li>
 * </ul>
 */
public final class KeyStoreLoader {
    /** The key store type that SunJSSE accepts only with {@code keyStore=NONE} (spelled exactly so). */
    private static final String PKCS11 = "PKCS11";

    private KeyStoreLoader() {
    }

    /** The default trust manager from {@code system} (see the class comment). */
    public static PkixTrustManager defaultTrustManager(UnaryOperator<String> system) throws KeyStoreException {
        return PkixTrustManager.of(defaultTrustStore(system), PkixTrustManager.revocationRequested(system));
    }

    /** The default trust store; an empty store when no property names one and the JDK has no cacerts. */
    public static KeyStore defaultTrustStore(UnaryOperator<String> system) throws KeyStoreException {
        StoreSettings s = StoreSettings.trustStore(system);
        if (s.location() == null) {
            return empty();
        }
        return load(s);
    }

    /** The default key managers from the JVM's system properties. */
    public static KeyManager[] defaultKeyManagers() throws KeyStoreException {
        return defaultKeyManagers(System::getProperty);
    }

    /** The default key managers from {@code system} (see the class comment); no keys without {@code keyStore}. */
    public static KeyManager[] defaultKeyManagers(UnaryOperator<String> system) throws KeyStoreException {
        StoreSettings s = StoreSettings.keyStore(system);
        if (PKCS11.equals(s.type()) && !StoreSettings.NONE.equals(s.location())) {
            throw new KeyStoreException("if " + s.property() + "Type is PKCS11, then " + s.property()
                    + " must be NONE (it is " + (s.location() == null ? "not set" : "'" + s.location() + "'") + ")");
        }
        if (s.location() == null) {
            return new KeyManager[] {new PkixKeyManager(List.of())};
        }
        KeyStore ks = load(s);
        try {
            X509ExtendedKeyManager km = PkixKeyManager.of(ks, s.password(), true);
            return new KeyManager[] {km};
        } catch (UnrecoverableKeyException e) {
            throw new KeyStoreException("cannot use the " + s.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a store as {@code settings} describe it.
     *
     * @throws KeyStoreException naming the file and the property when the file is missing or
     *     unreadable, the password is wrong, or the type or provider is unknown
     */
    static KeyStore load(StoreSettings settings) throws KeyStoreException {
        KeyStore ks = instance(settings);
        try {
            if (StoreSettings.NONE.equals(settings.location())) {
                ks.load(null, settings.password());
            } else {
                try (InputStream in = Files.newInputStream(Paths.get(settings.location()))) {
                    ks.load(in, settings.password());
                }
            }
            return ks;
        } catch (NoSuchFileException e) {
            throw new KeyStoreException("the " + settings.describe() + " does not exist", e);
        } catch (IOException e) {
            throw new KeyStoreException(readFailure(settings, e), e);
        } catch (GeneralSecurityException | InvalidPathException e) {
            throw new KeyStoreException("cannot load the " + settings.describe() + ": " + e, e);
        }
    }

    private static KeyStore instance(StoreSettings s) throws KeyStoreException {
        try {
            return s.provider() == null ? KeyStore.getInstance(s.type()) : KeyStore.getInstance(s.type(), s.provider());
        } catch (NoSuchProviderException e) {
            throw new KeyStoreException("the " + s.what() + " provider '" + s.provider() + "' (" + s.property()
                    + "Provider) is not installed", e);
        } catch (KeyStoreException e) {
            throw new KeyStoreException("unknown " + s.what() + " type '" + s.type() + "' (" + s.property() + "Type): "
                    + (s.provider() == null ? "no installed provider offers" : "provider " + s.provider() + " does not offer")
                    + " KeyStore." + s.type(), e);
        }
    }

    private static String readFailure(StoreSettings s, IOException e) {
        if (e.getCause() instanceof UnrecoverableKeyException) {
            return "cannot open the " + s.describe() + ": the password (" + s.property() + "Password) is wrong"
                    + (s.password() == null ? " or missing" : "") + " [" + e.getMessage() + "]";
        }
        return "cannot read the " + s.describe() + ": " + e;
    }

    private static KeyStore empty() throws KeyStoreException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            ks.load(null, null);
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyStoreException("cannot create an empty key store: " + e, e);
        }
        return ks;
    }
}
