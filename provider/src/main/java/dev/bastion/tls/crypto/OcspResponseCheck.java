package dev.bastion.tls.crypto;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import java.io.IOException;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;

/**
 * The check a client makes of an OCSP response the server stapled, before anything uses it
 * (RFC 6066 §8: a client "MUST check the OCSP response and abort the handshake if the response
 * is not satisfactory with bad_certificate_status_response(113)"): it must be one DER
 * {@code OCSPResponse} (RFC 6960 §4.2.1) whose responseStatus is successful(0) and whose
 * responseBytes hold an id-pkix-ocsp-basic {@code BasicOCSPResponse}. Whether it vouches for the
 * certificate (signature, certificate id, freshness, revoked or good) is the trust manager's
 * revocation checker's question, asked when revocation checking is on.
 */
public final class OcspResponseCheck {
    /** id-pkix-ocsp-basic (RFC 6960 §4.2.1). */
    private static final ASN1ObjectIdentifier BASIC = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.48.1.1");
    private static final String[] STATUS = {"successful", "malformedRequest", "internalError", "tryLater", "(4)",
        "sigRequired", "unauthorized"};

    private OcspResponseCheck() {
    }

    /** @throws TlsAlert bad_certificate_status_response when {@code der} is not such a response */
    public static void check(byte[] der) {
        basicResponse(der);
    }

    /**
     * The BasicOCSPResponse of {@code der} (RFC 6960 §4.2.1), after the checks of {@link #check}.
     *
     * @throws TlsAlert bad_certificate_status_response when {@code der} is not such a response
     */
    static ASN1Sequence basicResponse(byte[] der) {
        ASN1Sequence response;
        try {
            response = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw refused("is not a DER OCSPResponse: " + e.getMessage());
        }
        try {
            int status = ASN1Enumerated.getInstance(response.getObjectAt(0)).intValueExact();
            if (status != 0) {
                throw refused("has responseStatus " + (status >= 0 && status < STATUS.length ? STATUS[status] : status)
                        + ", not successful (RFC 6960 §4.2.1)");
            }
            if (response.size() != 2) {
                throw refused("is successful but has no responseBytes (RFC 6960 §4.2.1)");
            }
            ASN1TaggedObject tagged = ASN1TaggedObject.getInstance(response.getObjectAt(1));
            if (tagged.getTagNo() != 0 || !tagged.isExplicit()) {
                throw refused("has no [0] EXPLICIT responseBytes (RFC 6960 §4.2.1)");
            }
            ASN1Sequence bytes = ASN1Sequence.getInstance(tagged.getExplicitBaseObject());
            ASN1ObjectIdentifier type = ASN1ObjectIdentifier.getInstance(bytes.getObjectAt(0));
            if (!BASIC.equals(type)) {
                throw refused("has responseType " + type + ", not id-pkix-ocsp-basic (RFC 6960 §4.2.1)");
            }
            ASN1Sequence basic = ASN1Sequence.getInstance(
                    ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(bytes.getObjectAt(1)).getOctets()));
            if (basic.size() < 3) {
                throw refused("holds a BasicOCSPResponse without tbsResponseData, signatureAlgorithm and signature");
            }
            return basic;
        } catch (TlsAlert e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw refused("is malformed: " + e.getMessage());
        }
    }

    private static TlsAlert refused(String why) {
        return new TlsAlert(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE, "the server's stapled OCSP response " + why
                + " (RFC 6066 §8)");
    }
}
