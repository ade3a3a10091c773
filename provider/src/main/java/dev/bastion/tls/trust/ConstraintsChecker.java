package dev.bastion.tls.trust;

import java.security.AlgorithmConstraints;
import java.security.CryptoPrimitive;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * The application's {@link AlgorithmConstraints} ({@code SSLParameters.setAlgorithmConstraints}
 * on the engine or socket) applied to each certificate of a path below the trust anchor: its
 * signature algorithm (by name) and its public key (algorithm and size) must be permitted for
 * signatures. Reverse checking only, as the validator runs it.
 */
final class ConstraintsChecker extends ReverseChecker {
    private static final Set<CryptoPrimitive> SIGNATURE = EnumSet.of(CryptoPrimitive.SIGNATURE);
    private final AlgorithmConstraints constraints;

    ConstraintsChecker(AlgorithmConstraints constraints) {
        this.constraints = constraints;
    }

    @Override
    public void check(Certificate cert, Collection<String> unresolvedCritExts) throws CertPathValidatorException {
        check((X509Certificate) cert, constraints);
    }

    /** Checks one certificate; also for a trusted end-entity certificate that needs no path. */
    static void check(X509Certificate cert, AlgorithmConstraints constraints) throws CertPathValidatorException {
        String alg = cert.getSigAlgName();
        if (!constraints.permits(SIGNATURE, alg, null)) {
            throw new CertPathValidatorException("the certificate of " + cert.getSubjectX500Principal()
                    + " is signed with " + alg + ", which the connection's algorithm constraints do not permit");
        }
        if (!constraints.permits(SIGNATURE, cert.getPublicKey())) {
            throw new CertPathValidatorException("the " + cert.getPublicKey().getAlgorithm() + " key of "
                    + cert.getSubjectX500Principal() + " is not permitted by the connection's algorithm constraints");
        }
    }
}
