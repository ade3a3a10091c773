package dev.bastion.tls.spi;

import dev.bastion.tls.trust.PkixKeyManager;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.UnrecoverableKeyException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.KeyStoreBuilderParameters;
import javax.net.ssl.ManagerFactoryParameters;

/**
 * Bastion's {@code KeyManagerFactory} ("PKIX", also answering "NewSunX509"; and "SunX509"):
 * one {@link PkixKeyManager}. The "SunX509" one, the JDK's default
 * ({@code ssl.KeyManagerFactory.algorithm}), names entries by their key store aliases and takes
 * only a key store, as SunJSSE's does; the "PKIX" one prefixes each alias with its builder's index.
 *
 * <ul>
 * <li>{@code init(KeyStore, char[])}: the store with one password for every key entry, each
 *     opened at once ({@link UnrecoverableKeyException} naming the entry when the password is
 *     wrong, as SunJSSE's "SunX509"); a null store gives a key manager without keys.</li>
 * <li>{@code init(KeyStoreBuilderParameters)}: the builders, each entry opened when first chosen
 *     with its builder's protection (as SunJSSE's "NewSunX509").</li>
 * </ul>
 */
public final class BastionKeyManagerFactory extends KeyManagerFactorySpi {
    private final boolean sunX509;
    private PkixKeyManager manager;

    /** The "PKIX" ("NewSunX509") factory. */
    public BastionKeyManagerFactory() {
        this(false);
    }

    private BastionKeyManagerFactory(boolean sunX509) {
        this.sunX509 = sunX509;
    }

    /** The "SunX509" factory: key store aliases; no {@code ManagerFactoryParameters}. */
    public static BastionKeyManagerFactory sunX509() {
        return new BastionKeyManagerFactory(true);
    }

    @Override
    protected void engineInit(KeyStore ks, char[] password) throws KeyStoreException, NoSuchAlgorithmException,
            UnrecoverableKeyException {
        manager = PkixKeyManager.of(ks, password, sunX509);
    }

    @Override
    protected void engineInit(ManagerFactoryParameters spec) throws InvalidAlgorithmParameterException {
        if (sunX509) {
            throw new InvalidAlgorithmParameterException("the SunX509 KeyManagerFactory takes a KeyStore and password, not "
                    + (spec == null ? "null" : spec.getClass().getName()) + " (use \"PKIX\" for KeyStoreBuilderParameters)");
        }
        if (!(spec instanceof KeyStoreBuilderParameters)) {
            throw new InvalidAlgorithmParameterException("Bastion's KeyManagerFactory takes KeyStoreBuilderParameters, not "
                    + (spec == null ? "null" : spec.getClass().getName()));
        }
        manager = new PkixKeyManager(((KeyStoreBuilderParameters) spec).getParameters());
    }

    @Override
    protected KeyManager[] engineGetKeyManagers() {
        if (manager == null) {
            throw new IllegalStateException("KeyManagerFactory is not initialized: call init first");
        }
        return new KeyManager[] {manager};
    }
}
