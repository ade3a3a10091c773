package dev.bastion.tls.spi;

import dev.bastion.tls.crypto.CertificateSignatureProvider;
import dev.bastion.tls.diag.Trace;
import dev.bastion.tls.trust.PkixTrustManager;
import java.security.Provider;
import java.security.Security;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Gives Bastion's trust managers the provider that checks ECDSA certificate signatures faster
 * than SunEC ({@link CertificateSignatureProvider}), adding it, last, to the JVM's provider list
 * only when the Bastion provider itself is installed from this class loader: the list then
 * already holds Bastion's classes, so the helper never pins a class loader (a web application's)
 * that the application did not put there.
 *
 * <p>{@value #PROPERTY}{@code =jdk} (system property, else security property; read when a trust
 * manager is made) keeps every signature check with the JDK's providers; the default is
 * {@code bastion}.
 */
final class CertificateSignatures {
    /** The switch: {@code bastion} (default) or {@code jdk}. */
    static final String PROPERTY = "dev.bastion.tls.certificateSignatures";
    private static final Trace TRACE = Trace.get("trust");

    private CertificateSignatures() {
    }

    /** {@code manager} with the helper provider when it may be used, else as it is. */
    static PkixTrustManager attach(PkixTrustManager manager) {
        return attach(manager, System::getProperty, Security::getProperty);
    }

    static PkixTrustManager attach(PkixTrustManager manager, UnaryOperator<String> system, UnaryOperator<String> security) {
        String choice = system.apply(PROPERTY);
        if (choice == null) {
            choice = security.apply(PROPERTY);
        }
        if (choice != null && !choice.isBlank() && !choice.trim().equalsIgnoreCase("bastion")) {
            if (!choice.trim().equalsIgnoreCase("jdk")) {
                String value = choice;
                TRACE.warning(() -> "ignoring " + PROPERTY + "=" + value + ": neither bastion nor jdk; using the JDK's"
                        + " signature checks for certificate paths");
            }
            return manager;
        }
        Provider bastion = Security.getProvider("Bastion");
        if (bastion == null || bastion.getClass().getClassLoader() != CertificateSignatures.class.getClassLoader()) {
            return manager;
        }
        Optional<Provider> helper = CertificateSignatureProvider.install();
        return helper.isPresent() ? manager.withSignatureProvider(helper) : manager;
    }
}
