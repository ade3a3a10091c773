package dev.bastion.tls.trust;

import java.security.Provider;
import java.security.Security;
import java.security.cert.PKIXCertPathChecker;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Lets the JDK's PKIX validator check a path's ECDSA signatures through Bastion's faster ECDSA
 * (the {@code crypto} layer's {@code CertificateSignatureProvider}, installed by the {@code spi}
 * layer) instead of SunEC, by naming that provider as the validator's signature provider. The
 * validator still does all the rest (names, constraints, validity, key usage, policies); only
 * the arithmetic of a signature check changes, and the answer is the same.
 *
 * <p>It is used only when that provider is installed and offers the signature algorithm of
 * every certificate of the path (a signature provider named in {@code PKIXParameters} serves
 * the whole path, and it offers only ECDSA with SHA-256, -384 and -512), and when the
 * parameters name no signature provider of their own and check no revocation: CRLs and OCSP
 * responses are checked through the same provider and may be signed with RSA.
 */
final class EcdsaPathSignatures {
    private EcdsaPathSignatures() {
    }

    /** Names provider {@code name} in {@code params} when it, {@code path} and {@code params} allow it (see the class comment). */
    static void offer(PKIXParameters params, List<X509Certificate> path, Optional<String> name) {
        if (name.isEmpty() || path.isEmpty() || params.getSigProvider() != null || params.isRevocationEnabled()) {
            return;
        }
        for (PKIXCertPathChecker c : params.getCertPathCheckers()) {
            if (c instanceof PKIXRevocationChecker) {
                return;
            }
        }
        Provider helper = Security.getProvider(name.get());
        if (helper == null) {
            return;
        }
        for (X509Certificate c : path) {
            if (helper.getService("Signature", c.getSigAlgOID()) == null) {
                return;
            }
        }
        params.setSigProvider(name.get());
    }
}
