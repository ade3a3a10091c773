package dev.bastion.tls.crypto;

import dev.bastion.tls.codec.TlsAlert;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * One certificate's OCSP question, as a server that staples asks it (RFC 6960): the
 * {@code CertID} (SHA-1 hashes of the issuer's name and key and the serial number, the form
 * RFC 5019 §2.1.1 has every responder accept), the DER {@code OCSPRequest} that carries it, and
 * the check that a responder's answer is one worth stapling: a successful basic response
 * ({@link OcspResponseCheck}) with a {@code SingleResponse} for this {@code CertID} that is
 * current (thisUpdate not in the future, nextUpdate not past), signed by the issuer or a
 * responder it authorized ({@link OcspSignature}). Whether the status is good, revoked or unknown
 * is the client's to judge: a server staples what its CA says.
 */
public final class OcspQuery {
    private static final ASN1ObjectIdentifier SHA1 = new ASN1ObjectIdentifier("1.3.14.3.2.26");
    /** id-pe-authorityInfoAccess and id-ad-ocsp (RFC 5280 §4.2.2.1). */
    private static final ASN1ObjectIdentifier AIA = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.1");
    private static final ASN1ObjectIdentifier OCSP = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.48.1");
    /** How far a responder's clock may run ahead of ours (thisUpdate in the future). */
    private static final Duration SKEW = Duration.ofMinutes(5);

    private final byte[] issuerNameHash;
    private final byte[] issuerKeyHash;
    private final BigInteger serial;
    /** Who must vouch for the answer; not part of the question's identity (the hashes are). */
    private final X509Certificate issuer;

    private OcspQuery(byte[] issuerNameHash, byte[] issuerKeyHash, BigInteger serial, X509Certificate issuer) {
        this.issuerNameHash = issuerNameHash;
        this.issuerKeyHash = issuerKeyHash;
        this.serial = serial;
        this.issuer = issuer;
    }

    /** The question for {@code cert}, issued by {@code issuer}. */
    public static OcspQuery of(X509Certificate cert, X509Certificate issuer) {
        return new OcspQuery(sha1(cert.getIssuerX500Principal().getEncoded()), OcspSignature.keyHash(issuer.getPublicKey()),
                cert.getSerialNumber(), issuer);
    }

    /**
     * The first http OCSP responder (accessMethod id-ad-ocsp) that the Authority Information
     * Access extension of {@code cert} names (RFC 5280 §4.2.2.1); empty when there is none or
     * the extension is malformed.
     */
    public static Optional<String> responderUri(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(AIA.getId());
        if (ext == null) {
            return Optional.empty();
        }
        try {
            ASN1Sequence aia = ASN1Sequence.getInstance(ASN1OctetString.getInstance(ext).getOctets());
            for (ASN1Encodable a : aia) {
                AccessDescription d = AccessDescription.getInstance(a);
                GeneralName where = d.getAccessLocation();
                if (OCSP.equals(d.getAccessMethod()) && where.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    String uri = DERIA5String.getInstance(where.getName()).getString();
                    if (uri.regionMatches(true, 0, "http://", 0, 7)) {
                        return Optional.of(uri);
                    }
                }
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The DER OCSPRequest (RFC 6960 §4.1.1): one Request for this CertID, unsigned, with
     * {@code requestExtensions} when {@code extensions} (a DER {@code Extensions}, as a TLS
     * client's status_request carries them, RFC 6066 §8) is not empty.
     *
     * @throws IllegalArgumentException when {@code extensions} is not a DER SEQUENCE
     */
    public byte[] request(byte[] extensions) {
        ASN1EncodableVector tbs = new ASN1EncodableVector();
        tbs.add(new DERSequence(new DERSequence(new DERSequence(certId())))); // requestList: one Request, holding the CertID
        if (extensions.length > 0) {
            ASN1Sequence ext;
            try {
                ext = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(extensions));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("the request extensions are not a DER Extensions: " + e.getMessage(), e);
            }
            tbs.add(new DERTaggedObject(true, 2, ext));
        }
        try {
            return new DERSequence(new DERSequence(tbs)).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of an OCSPRequest failed", e);
        }
    }

    /**
     * Whether {@code response} is worth stapling at {@code now}.
     *
     * @return the response's nextUpdate, empty when it has none
     * @throws Unusable saying why not
     */
    public Optional<Instant> accept(byte[] response, Instant now) throws Unusable {
        ASN1Sequence basic;
        try {
            basic = OcspResponseCheck.basicResponse(response);
        } catch (TlsAlert e) {
            throw new Unusable(e.getMessage().replace("the server's stapled OCSP response", "the response"));
        }
        try {
            ASN1Sequence data = ASN1Sequence.getInstance(basic.getObjectAt(0));
            int i = data.getObjectAt(0) instanceof ASN1TaggedObject t && t.getTagNo() == 0 ? 1 : 0; // version [0]
            ASN1Sequence responses = ASN1Sequence.getInstance(data.getObjectAt(i + 2)); // after responderID, producedAt
            for (ASN1Encodable r : responses) {
                ASN1Sequence single = ASN1Sequence.getInstance(r);
                if (matches(ASN1Sequence.getInstance(single.getObjectAt(0)))) {
                    Optional<Instant> nextUpdate = current(single, now);
                    OcspSignature.verify(basic, issuer, now);
                    return nextUpdate;
                }
            }
            throw new Unusable("the response has no SingleResponse for serial number " + serial.toString(16));
        } catch (RuntimeException e) {
            throw new Unusable("the response is malformed: " + e.getMessage());
        }
    }

    private Optional<Instant> current(ASN1Sequence single, Instant now) throws Unusable {
        Instant thisUpdate = time(single.getObjectAt(2));
        if (thisUpdate.isAfter(now.plus(SKEW))) {
            throw new Unusable("the response's thisUpdate " + thisUpdate + " is in the future");
        }
        Optional<Instant> nextUpdate = Optional.empty();
        for (int k = 3; k < single.size(); k++) {
            ASN1TaggedObject t = ASN1TaggedObject.getInstance(single.getObjectAt(k));
            if (t.getTagNo() == 0) {
                nextUpdate = Optional.of(time(t.getExplicitBaseObject()));
            }
        }
        if (nextUpdate.isPresent() && !nextUpdate.get().isAfter(now)) {
            throw new Unusable("the response expired at its nextUpdate " + nextUpdate.get());
        }
        return nextUpdate;
    }

    private static Instant time(ASN1Encodable value) throws Unusable {
        try {
            return ASN1GeneralizedTime.getInstance(value).getDate().toInstant();
        } catch (java.text.ParseException | RuntimeException e) {
            throw new Unusable("the response has a bad GeneralizedTime: " + e.getMessage());
        }
    }

    private boolean matches(ASN1Sequence certId) {
        AlgorithmIdentifier alg = AlgorithmIdentifier.getInstance(certId.getObjectAt(0));
        return SHA1.equals(alg.getAlgorithm())
                && Arrays.equals(issuerNameHash, ASN1OctetString.getInstance(certId.getObjectAt(1)).getOctets())
                && Arrays.equals(issuerKeyHash, ASN1OctetString.getInstance(certId.getObjectAt(2)).getOctets())
                && serial.equals(ASN1Integer.getInstance(certId.getObjectAt(3)).getValue());
    }

    private ASN1Encodable[] certId() {
        return new ASN1Encodable[] {new AlgorithmIdentifier(SHA1, DERNull.INSTANCE), new DEROctetString(issuerNameHash),
            new DEROctetString(issuerKeyHash), new ASN1Integer(serial)};
    }

    static byte[] sha1(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OcspQuery q && serial.equals(q.serial) && Arrays.equals(issuerNameHash, q.issuerNameHash)
                && Arrays.equals(issuerKeyHash, q.issuerKeyHash);
    }

    @Override
    public int hashCode() {
        return serial.hashCode() * 31 + Arrays.hashCode(issuerKeyHash);
    }

    @Override
    public String toString() {
        return "CertID{serial " + serial.toString(16) + "}";
    }

    /** Why a response is not stapled. */
    public static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }
}
