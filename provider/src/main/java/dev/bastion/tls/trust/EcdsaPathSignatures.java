package dev.bastion.tls.trust;

import java.security.Provider;
import java.security.Security;
import java.security.cert.PKIXCertPathChecker;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lets the JDK's PKIX validator check a path's ECDSA signatures through Bastion's faster ECDSA
 * (the {@code crypto} layer's {@code CertificateSignatureProvider}, installed by the {@code spi}
 * layer) instead of SunEC, by naming that provider as the validator's signature provider. The
 * validator still does all the rest (names, constraints, validity, key usage, policies); only
 * the arithmetic of a signature check changes, and the answer is the same.
 *
 * <p>It is used only when all of these hold at the validation:
 * <ul>
 * <li>the provider installed under the helper's name is the very object Bastion installed, and
 *     the installed {@code Bastion} provider is from this class loader;</li>
 * <li>it offers the signature algorithm of every certificate of the path (a signature provider
 *     named in {@code PKIXParameters} serves the whole path, and it offers only ECDSA with
 *     SHA-256, -384 and -512);</li>
 * <li>for each of those algorithms the JVM would otherwise use SunEC (its first provider of the
 *     algorithm): where an administrator put another provider first (a FIPS module, a token),
 *     certificate checks stay with it;</li>
 * <li>the parameters name no signature provider of their own and check no revocation (CRLs and
 *     OCSP responses are checked through the same provider and may be signed with RSA).</li>
 * </ul>
 */
final class EcdsaPathSignatures {
    private EcdsaPathSignatures() {
    }

    /**
     * Names provider {@code helper} in {@code params} when it, {@code path} and {@code params}
     * allow it (see the class comment); true when it did.
     */
    static boolean offer(PKIXParameters params, List<X509Certificate> path, Optional<Provider> helper) {
        if (helper.isEmpty() || path.isEmpty() || params.getSigProvider() != null || params.isRevocationEnabled()) {
            return false;
        }
        for (PKIXCertPathChecker c : params.getCertPathCheckers()) {
            if (c instanceof PKIXRevocationChecker) {
                return false;
            }
        }
        String name = helper.get().getName();
        if (Security.getProvider(name) != helper.get() || !ours(Security.getProvider("Bastion"))) {
            return false;
        }
        Set<String> algorithms = new HashSet<>();
        for (X509Certificate c : path) {
            Provider.Service s = helper.get().getService("Signature", c.getSigAlgOID());
            if (s == null) {
                return false;
            }
            algorithms.add(s.getAlgorithm());
        }
        for (String algorithm : algorithms) {
            if (!"SunEC".equals(firstOtherProvider(algorithm, helper.get()))) {
                return false;
            }
        }
        params.setSigProvider(name);
        return true;
    }

    /** Whether {@code p} was loaded by this class loader. */
    private static boolean ours(Provider p) {
        return p != null && p.getClass().getClassLoader() == EcdsaPathSignatures.class.getClassLoader();
    }

    /** The name of the first installed provider other than {@code helper} that offers Signature {@code algorithm}. */
    private static String firstOtherProvider(String algorithm, Provider helper) {
        for (Provider p : Security.getProviders()) {
            if (p != helper && p.getService("Signature", algorithm) != null) {
                return p.getName();
            }
        }
        return null;
    }
}
