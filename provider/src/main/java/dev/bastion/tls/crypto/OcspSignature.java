package dev.bastion.tls.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Whether an OCSP response was signed by someone entitled to speak for the certificate's issuer
 * (RFC 6960 §4.2.2.2): the issuing CA itself, or a responder the CA authorized, that is a
 * certificate the CA issued with the id-kp-OCSPSigning extended key usage, carried in the
 * response's {@code certs} and valid now. The signer is the one the response's
 * {@code responderID} names (byName: its subject; byKey: the SHA-1 hash of its public key bits).
 *
 * <p>A server checks this before it staples: a response a client would reject (signed by the
 * wrong key, by an unauthorized responder) is worth no staple, and a server that staples it would
 * make a careful client fail a handshake that would otherwise succeed. SunJSSE's server does not
 * check (its StatusResponseManager only parses what it fetched); here Bastion is stricter.
 */
final class OcspSignature {
    /** id-kp-OCSPSigning (RFC 5280 §4.2.1.12). */
    private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
    /** id-RSASSA-PSS (RFC 4055 §3.1): its parameters say the hash, mask and salt. */
    private static final String RSASSA_PSS = "1.2.840.113549.1.1.10";

    private OcspSignature() {
    }

    /**
     * Checks the signature of {@code basic}, a BasicOCSPResponse, about a certificate that
     * {@code issuer} issued.
     *
     * @throws OcspQuery.Unusable saying who signed and why that is not good enough
     */
    static void verify(ASN1Sequence basic, X509Certificate issuer, Instant now) throws OcspQuery.Unusable {
        ASN1Sequence data = ASN1Sequence.getInstance(basic.getObjectAt(0));
        int i = data.getObjectAt(0) instanceof ASN1TaggedObject t && t.getTagNo() == 0 ? 1 : 0; // version [0]
        ASN1TaggedObject responderId = ASN1TaggedObject.getInstance(data.getObjectAt(i));
        boolean byIssuer = names(responderId, issuer);
        PublicKey signer = byIssuer ? issuer.getPublicKey() : delegate(basic, responderId, issuer, now);
        AlgorithmIdentifier alg = AlgorithmIdentifier.getInstance(basic.getObjectAt(1));
        byte[] signature = ASN1BitString.getInstance(basic.getObjectAt(2)).getOctets();
        boolean valid;
        try {
            Signature s = signature(alg);
            s.initVerify(signer);
            s.update(data.getEncoded(ASN1Encoding.DER));
            valid = s.verify(signature);
        } catch (GeneralSecurityException | IOException e) {
            throw new OcspQuery.Unusable("the response's signature (" + alg.getAlgorithm() + ") cannot be checked: " + e);
        }
        if (!valid) {
            throw new OcspQuery.Unusable("the response's signature does not verify with the key of "
                    + (byIssuer ? "the issuer " + issuer.getSubjectX500Principal() : "its responder certificate"));
        }
    }

    /** The key of the authorized responder certificate that {@code responderId} names. */
    private static PublicKey delegate(ASN1Sequence basic, ASN1TaggedObject responderId, X509Certificate issuer,
            Instant now) throws OcspQuery.Unusable {
        for (X509Certificate c : certs(basic)) {
            if (!names(responderId, c)) {
                continue;
            }
            if (!c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                throw new OcspQuery.Unusable("the responder " + c.getSubjectX500Principal() + " was issued by "
                        + c.getIssuerX500Principal() + ", not by the certificate's issuer (RFC 6960 §4.2.2.2)");
            }
            try {
                c.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new OcspQuery.Unusable("the responder certificate " + c.getSubjectX500Principal()
                        + " is not signed by the certificate's issuer: " + e.getMessage());
            }
            List<String> usage;
            try {
                usage = c.getExtendedKeyUsage();
            } catch (CertificateException e) {
                usage = null;
            }
            if (usage == null || !usage.contains(OCSP_SIGNING)) {
                throw new OcspQuery.Unusable("the responder certificate " + c.getSubjectX500Principal()
                        + " lacks the id-kp-OCSPSigning extended key usage (RFC 6960 §4.2.2.2)");
            }
            try {
                c.checkValidity(Date.from(now));
            } catch (CertificateException e) {
                throw new OcspQuery.Unusable("the responder certificate " + c.getSubjectX500Principal()
                        + " is not valid now: " + e.getMessage());
            }
            return c.getPublicKey();
        }
        throw new OcspQuery.Unusable("the response is signed by a responder that is neither the certificate's issuer "
                + issuer.getSubjectX500Principal() + " nor a responder certificate carried in the response");
    }

    /** Whether {@code responderId} (byName [1] Name, byKey [2] KeyHash) names {@code cert}. */
    private static boolean names(ASN1TaggedObject responderId, X509Certificate cert) {
        return switch (responderId.getTagNo()) {
            case 1 -> X500Name.getInstance(responderId.getExplicitBaseObject())
                    .equals(X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()));
            case 2 -> Arrays.equals(ASN1OctetString.getInstance(responderId.getExplicitBaseObject()).getOctets(),
                    keyHash(cert.getPublicKey()));
            default -> throw new IllegalArgumentException("a ResponderID tagged [" + responderId.getTagNo() + "]");
        };
    }

    /** KeyHash (RFC 6960 §4.2.1): SHA-1 of the subjectPublicKey bits, without tag and length. */
    static byte[] keyHash(PublicKey key) {
        return OcspQuery.sha1(SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getBytes());
    }

    private static List<X509Certificate> certs(ASN1Sequence basic) throws OcspQuery.Unusable {
        if (basic.size() < 4) {
            return List.of();
        }
        ASN1TaggedObject tagged = ASN1TaggedObject.getInstance(basic.getObjectAt(3));
        if (tagged.getTagNo() != 0) {
            return List.of();
        }
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (ASN1Encodable c : ASN1Sequence.getInstance(tagged.getExplicitBaseObject())) {
                out.add((X509Certificate) x509.generateCertificate(
                        new ByteArrayInputStream(c.toASN1Primitive().getEncoded(ASN1Encoding.DER))));
            }
            return out;
        } catch (CertificateException | IOException e) {
            throw new OcspQuery.Unusable("the response carries a certificate that does not parse: " + e.getMessage());
        }
    }

    /** The JCA signature for {@code alg}: the JDK's providers answer to the algorithm OIDs. */
    private static Signature signature(AlgorithmIdentifier alg) throws GeneralSecurityException, IOException {
        String oid = alg.getAlgorithm().getId();
        Signature s = Signature.getInstance(oid);
        if (RSASSA_PSS.equals(oid)) {
            if (alg.getParameters() == null) {
                throw new GeneralSecurityException("RSASSA-PSS without parameters");
            }
            AlgorithmParameters p = AlgorithmParameters.getInstance("RSASSA-PSS");
            p.init(alg.getParameters().toASN1Primitive().getEncoded(ASN1Encoding.DER));
            s.setParameter(p.getParameterSpec(PSSParameterSpec.class));
        }
        return s;
    }
}
