package dev.bastion.tls.conformance.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * OCSP responses (RFC 6960) about a {@link TestPki} server certificate, signed by its issuing CA
 * (a CA may sign its own responses, RFC 6960 §4.2.2.2), for {@code openssl s_server -status_file}
 * to staple. Bouncy Castle's OCSP builders are used because the JDK has no public API that makes
 * OCSP responses; they are test-only.
 */
public final class OcspResponses {
    private OcspResponses() {
    }

    /** A successful response saying {@code kind}'s server certificate is good (or revoked an hour ago), valid for a day. */
    public static byte[] about(TestPki pki, TestPki.ServerKey kind, boolean revoked) {
        try {
            X509Certificate leaf = pki.server(kind).leaf();
            X509Certificate ca = pki.ca(kind);
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(ca),
                    leaf.getSerialNumber());
            Instant now = Instant.now();
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(
                    new RespID(new JcaX509CertificateHolder(ca).getSubject()));
            CertificateStatus status = revoked
                    ? new RevokedStatus(Date.from(now.minus(Duration.ofHours(1))), CRLReason.keyCompromise)
                    : CertificateStatus.GOOD;
            builder.addResponse(id, status, Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))));
            String algorithm = ca.getSigAlgName().contains("ECDSA") ? "SHA256withECDSA" : ca.getSigAlgName();
            BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder(algorithm).build(pki.caKey(kind)),
                    new X509CertificateHolder[0], Date.from(now));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (GeneralSecurityException | OCSPException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make the OCSP response: " + e, e);
        }
    }

    /** {@link #about} written to a file in the interop work directory. */
    public static Path file(TestPki pki, TestPki.ServerKey kind, boolean revoked) {
        try {
            Path f = Files.createTempFile(pki.dir(), "ocsp-" + kind + (revoked ? "-revoked-" : "-good-"), ".der");
            return Files.write(f, about(pki, kind, revoked));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
