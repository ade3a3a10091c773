package dev.bastion.tls.trust;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses a certificate in the path whose signature algorithm is not one this side offered in
 * the handshake ({@code signature_algorithms_cert}, or {@code signature_algorithms} when that
 * is absent: RFC 8446 §4.2.3, RFC 5246 §7.4.1.4.1), as the handshake session's
 * {@code getLocalSupportedSignatureAlgorithms()} reports them (JCA names such as
 * {@code SHA256withECDSA}, {@code RSASSA-PSS}, {@code Ed25519}). Trust anchors are not
 * checked: their signatures are not relied on.
 */
final class CertSignatureChecker extends ReverseChecker {
    private final List<String> offered;
    private final Set<String> accepted;

    CertSignatureChecker(List<String> offered) {
        this.offered = List.copyOf(offered);
        this.accepted = offered.stream().map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    @Override
    public void check(Certificate cert, Collection<String> unresolvedCritExts) throws CertPathValidatorException {
        X509Certificate x = (X509Certificate) cert;
        String alg = x.getSigAlgName();
        if (!accepted.contains(alg.toUpperCase(Locale.ROOT))) {
            throw new CertPathValidatorException("certificate " + x.getSubjectX500Principal() + " is signed with " + alg
                    + ", which is not among the signature algorithms offered in the handshake " + offered,
                    null, null, -1, BasicReason.ALGORITHM_CONSTRAINED);
        }
    }
}
