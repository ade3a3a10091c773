package dev.bastion.tls.handshake.tls13.common;

import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.PeerVerified;
import dev.bastion.tls.handshake.SignatureVerified;
import dev.bastion.tls.message.CertificateVerify;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.Opaque;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * TLS 1.3 CertificateVerify (RFC 8446 §4.4.3): the signature covers 64 bytes of 0x20, the
 * context string "TLS 1.3, server CertificateVerify" (or "client"), a 0 byte, and the
 * transcript hash through Certificate.
 */
public final class CertificateVerify13 {
    private static final int PAD = 64;

    private CertificateVerify13() {
    }

    /** The content {@code signer} signs over {@code transcriptHash}. */
    public static byte[] content(Side signer, byte[] transcriptHash) {
        byte[] context = ("TLS 1.3, " + signer + " CertificateVerify").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[PAD + context.length + 1 + transcriptHash.length];
        Arrays.fill(out, 0, PAD, (byte) 0x20);
        System.arraycopy(context, 0, out, PAD, context.length);
        System.arraycopy(transcriptHash, 0, out, PAD + context.length + 1, transcriptHash.length);
        return out;
    }

    /** Our CertificateVerify as {@code signer}. */
    public static CertificateVerify sign(SignatureScheme scheme, PrivateKey key, Side signer, byte[] transcriptHash,
            SecureRandom random) {
        return new CertificateVerify(scheme.code(), Opaque.of(scheme.sign(key, content(signer, transcriptHash), random)));
    }

    /**
     * Checks the peer's CertificateVerify: the scheme must be one we offered ({@code offered})
     * and fit the certificate's key, and the signature must verify.
     *
     * @throws dev.bastion.tls.codec.TlsAlert {@code illegal_parameter} or {@code decrypt_error}
     */
    public static SignatureVerified verify(CertificateVerify cv, List<SignatureScheme> offered, PeerVerified peer,
            Side signer, byte[] transcriptHash) {
        return SignatureVerified.check(cv.signatureScheme(), cv.signature().toByteArray(), offered,
                SignatureScheme.TLS13, peer, content(signer, transcriptHash), signer.toString());
    }
}
