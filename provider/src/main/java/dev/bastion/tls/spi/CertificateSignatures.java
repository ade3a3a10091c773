package dev.bastion.tls.spi;

import dev.bastion.tls.crypto.CertificateSignatureProvider;
import dev.bastion.tls.trust.PkixTrustManager;
import java.security.Provider;
import java.security.Security;
import java.util.Optional;

/**
 * Gives Bastion's trust managers the provider that checks ECDSA certificate signatures faster
 * than SunEC ({@link CertificateSignatureProvider}), adding it, last, to the JVM's provider list
 * only when the Bastion provider itself is installed from this class loader: the list then
 * already holds Bastion's classes, so the helper never pins a class loader (a web application's)
 * that the application did not put there.
 */
final class CertificateSignatures {
    private CertificateSignatures() {
    }

    /** {@code manager} with the helper provider when it may be used, else as it is. */
    static PkixTrustManager attach(PkixTrustManager manager) {
        Provider bastion = Security.getProvider("Bastion");
        if (bastion == null || bastion.getClass().getClassLoader() != CertificateSignatures.class.getClassLoader()) {
            return manager;
        }
        Optional<String> name = CertificateSignatureProvider.install();
        return name.isPresent() ? manager.withSignatureProvider(name) : manager;
    }
}
