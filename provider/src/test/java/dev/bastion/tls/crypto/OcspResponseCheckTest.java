package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.testutil.SelfSigned;
import java.util.Arrays;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 6066 §8 / RFC 6960 §4.2.1: what a stapled response must be before anything reads it. */
class OcspResponseCheckTest {
    private static byte[] good;

    /** A real response (Bouncy Castle's builders, test-only), signed by a self-signed "CA" about itself. */
    @BeforeAll
    static void makeResponse() throws Exception {
        SelfSigned ca = SelfSigned.localhost();
        JcaX509CertificateHolder holder = new JcaX509CertificateHolder(ca.certificate());
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                holder, ca.certificate().getSerialNumber());
        BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(holder.getSubject()));
        b.addResponse(id, CertificateStatus.GOOD, new Date(), new Date(System.currentTimeMillis() + 86_400_000L));
        good = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, b.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(ca.keys().getPrivate()), new X509CertificateHolder[0],
                new Date())).getEncoded();
    }

    private static String refusal(byte[] der) {
        TlsAlert a = assertThrows(TlsAlert.class, () -> OcspResponseCheck.check(der));
        assertEquals(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE, a.alert());
        return a.getMessage();
    }

    @Test
    void aSuccessfulBasicResponsePasses() {
        OcspResponseCheck.check(good);
    }

    @Test
    void notDer() {
        assertTrue(refusal(new byte[] {1, 2, 3}).contains("not a DER OCSPResponse"));
        assertTrue(refusal(Arrays.copyOf(good, good.length - 1)).contains("not a DER OCSPResponse"));
        assertTrue(refusal(Arrays.copyOf(good, good.length + 1)).contains("OCSPResponse"), "a byte after it");
    }

    @Test
    void unsuccessfulOrEmpty() {
        assertTrue(refusal(hex("30030a0103")).contains("tryLater"));
        assertTrue(refusal(hex("30030a0100")).contains("no responseBytes"));
    }

    @Test
    void notABasicResponse() throws Exception {
        byte[] other = new DERSequence(new ASN1Encodable[] {new ASN1Enumerated(0),
            new DERTaggedObject(true, 0, new DERSequence(new ASN1Encodable[] {
                new ASN1ObjectIdentifier("1.3.6.1.5.5.7.48.1.2"), new DEROctetString(new byte[] {5, 0})}))}).getEncoded();
        assertTrue(refusal(other).contains("not id-pkix-ocsp-basic"));
        byte[] basicGarbage = new DERSequence(new ASN1Encodable[] {new ASN1Enumerated(0),
            new DERTaggedObject(true, 0, new DERSequence(new ASN1Encodable[] {
                new ASN1ObjectIdentifier("1.3.6.1.5.5.7.48.1.1"), new DEROctetString(new byte[] {5, 0})}))}).getEncoded();
        assertTrue(refusal(basicGarbage).contains("OCSP"), "a NULL where the BasicOCSPResponse goes");
    }

    private static byte[] hex(String h) {
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
