package dev.bastion.tls.trust;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Puts a presented chain in certification path order for {@code CertPathValidator}: from the
 * end-entity certificate, each next certificate is one the peer sent whose subject is the
 * current certificate's issuer, until a certificate is issued by a trust anchor. Peers send
 * unordered chains, extra certificates and the root itself (RFC 8446 §4.4.2 allows all three);
 * the root and anything unrelated are left out.
 */
final class ChainOrder {
    private ChainOrder() {
    }

    /**
     * The path from {@code chain[0]} to a certificate issued by one of {@code anchorSubjects}.
     *
     * @throws CertificateException naming the chain and where it ends when no anchor issues any of it,
     *     caused by a {@code CertPathBuilderException}
     */
    static List<X509Certificate> toAnchor(X509Certificate[] chain, Set<X500Principal> anchorSubjects, int anchorCount)
            throws CertificateException {
        List<X509Certificate> path = new ArrayList<>();
        X509Certificate current = chain[0];
        path.add(current);
        while (!anchorSubjects.contains(current.getIssuerX500Principal())) {
            X509Certificate next = issuerOf(current, chain, path, anchorSubjects);
            if (next == null) {
                String why = "unable to find valid certification path to requested target: the chain " + describe(path)
                        + " ends at issuer " + current.getIssuerX500Principal() + ", which is not one of the "
                        + anchorCount + " trusted certificates";
                // caused by a CertPathBuilderException, as SunJSSE's refusal is, for code that looks for one
                throw new CertificateException("PKIX path building failed: " + why, new CertPathBuilderException(why));
            }
            path.add(next);
            current = next;
        }
        return path;
    }

    /**
     * A not yet used certificate of {@code chain} that names {@code cert}'s issuer; when several
     * do (a re-keyed or cross-signed CA sent beside another of the same name), those whose key
     * verifies {@code cert}'s signature first, and among them one issued by an anchor.
     */
    private static X509Certificate issuerOf(X509Certificate cert, X509Certificate[] chain, List<X509Certificate> used,
            Set<X500Principal> anchorSubjects) {
        if (cert.getIssuerX500Principal().equals(cert.getSubjectX500Principal())) {
            return null; // self-issued and not trusted: the path cannot continue
        }
        List<X509Certificate> named = new ArrayList<>();
        for (X509Certificate c : chain) {
            if (c.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) && !used.contains(c) && !named.contains(c)) {
                named.add(c);
            }
        }
        if (named.size() > 1) {
            List<X509Certificate> signers = new ArrayList<>();
            for (X509Certificate c : named) {
                if (signed(cert, c)) {
                    signers.add(c);
                }
            }
            if (!signers.isEmpty()) {
                named = signers;
            }
        }
        for (X509Certificate c : named) {
            if (anchorSubjects.contains(c.getIssuerX500Principal())) {
                return c;
            }
        }
        return named.isEmpty() ? null : named.get(0);
    }

    /** Whether {@code issuer}'s key verifies {@code cert}'s signature. */
    private static boolean signed(X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String describe(List<X509Certificate> path) {
        StringBuilder sb = new StringBuilder("[");
        for (X509Certificate c : path) {
            sb.append(sb.length() > 1 ? " <- " : "").append(c.getSubjectX500Principal());
        }
        return sb.append(']').toString();
    }
}
