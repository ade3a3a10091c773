package dev.bastion.tls.spi;

import dev.bastion.tls.trust.KeyStoreLoader;
import dev.bastion.tls.trust.PkixTrustManager;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.CertPathParameters;
import java.security.cert.PKIXParameters;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactorySpi;

/**
 * Bastion's {@code TrustManagerFactory} ("PKIX", also answering "SunX509", "SunPKIX", "X509"
 * and "X.509"): one {@link PkixTrustManager}.
 *
 * <ul>
 * <li>{@code init(KeyStore)}: its trusted certificates; a null store means the default trust
 *     store ({@code javax.net.ssl.trustStore*}, else {@code jssecacerts}, else {@code cacerts},
 *     see {@link KeyStoreLoader}), with revocation checking per
 *     {@code com.sun.net.ssl.checkRevocation}.</li>
 * <li>{@code init(CertPathTrustManagerParameters)} holding {@link PKIXParameters}: validation
 *     with (a copy of) those parameters.</li>
 * </ul>
 */
public final class BastionTrustManagerFactory extends TrustManagerFactorySpi {
    private final UnaryOperator<String> system;
    private PkixTrustManager manager;

    /** Over the JVM's system properties. */
    public BastionTrustManagerFactory() {
        this(System::getProperty);
    }

    /** Over {@code system} (tests). */
    public BastionTrustManagerFactory(UnaryOperator<String> system) {
        this.system = Objects.requireNonNull(system, "system");
    }

    @Override
    protected void engineInit(KeyStore ks) throws KeyStoreException {
        KeyStore store = ks != null ? ks : KeyStoreLoader.defaultTrustStore(system);
        manager = CertificateSignatures.attach(PkixTrustManager.of(store, PkixTrustManager.revocationRequested(system)));
    }

    @Override
    protected void engineInit(ManagerFactoryParameters spec) throws InvalidAlgorithmParameterException {
        CertPathParameters p = spec instanceof CertPathTrustManagerParameters
                ? ((CertPathTrustManagerParameters) spec).getParameters() : null;
        if (!(p instanceof PKIXParameters)) {
            throw new InvalidAlgorithmParameterException("Bastion's TrustManagerFactory takes CertPathTrustManagerParameters "
                    + "holding PKIXParameters, not " + (spec == null ? "null" : spec.getClass().getName()));
        }
        manager = CertificateSignatures.attach(PkixTrustManager.of((PKIXParameters) p));
    }

    @Override
    protected TrustManager[] engineGetTrustManagers() {
        if (manager == null) {
            throw new IllegalStateException("TrustManagerFactory is not initialized: call init first");
        }
        return new TrustManager[] {manager};
    }
}
