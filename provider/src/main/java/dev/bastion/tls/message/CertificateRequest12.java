package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.CertificateAuthorities;
import dev.bastion.tls.message.ext.CodeLists;
import dev.bastion.tls.message.ext.Codes;
import dev.bastion.tls.message.ext.Opaque;
import java.util.List;
import java.util.Objects;

/**
 * CertificateRequest in TLS 1.2 (RFC 5246 §7.4.4):
 * <pre>
 * ClientCertificateType certificate_types&lt;1..2^8-1&gt;;
 * SignatureAndHashAlgorithm supported_signature_algorithms&lt;2..2^16-2&gt;;
 * DistinguishedName certificate_authorities&lt;0..2^16-1&gt;;   opaque DistinguishedName&lt;1..2^16-1&gt;
 * </pre>
 *
 * @param encoding the exact bytes received, header included; {@code null} for one built locally
 */
public record CertificateRequest12(List<Integer> certificateTypes, List<Integer> signatureAlgorithms,
        List<Opaque> certificateAuthorities, byte[] encoding) implements HandshakeMessage {

    /** ClientCertificateType rsa_sign (RFC 5246 §7.4.4). */
    public static final int RSA_SIGN = 1;
    /** ClientCertificateType ecdsa_sign (RFC 8422 §5.5). */
    public static final int ECDSA_SIGN = 64;

    public CertificateRequest12 {
        certificateTypes = CodeLists.check(certificateTypes, 8, 1, 0xFF, "certificate_types");
        signatureAlgorithms = CodeLists.check(signatureAlgorithms, 16, 1, 0x7FFF, "supported_signature_algorithms");
        certificateAuthorities = CertificateAuthorities.checkNames(certificateAuthorities, 0);
        encoding = Received.copy(encoding);
    }

    public CertificateRequest12(List<Integer> certificateTypes, List<Integer> signatureAlgorithms,
            List<Opaque> certificateAuthorities) {
        this(certificateTypes, signatureAlgorithms, certificateAuthorities, null);
    }

    /** Decodes a body; all of {@code body} must be the message. */
    public static CertificateRequest12 decode(Reader body) {
        Reader r = body.named("CertificateRequest");
        int start = r.position();
        List<Integer> types = CodeLists.readU8s8(r, 1, 0xFF, "certificate_types");
        List<Integer> schemes = CodeLists.readU16s16(r, 2, 0xFFFE, "supported_signature_algorithms");
        List<Opaque> authorities = CertificateAuthorities.readNames(r, 0, "certificate_authorities");
        r.end("body");
        return new CertificateRequest12(types, schemes, authorities,
                Received.encoding(HandshakeType.CERTIFICATE_REQUEST, r, start));
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void encode(Writer out) {
        CodeLists.writeU8s8(out, certificateTypes);
        CodeLists.writeU16s16(out, signatureAlgorithms);
        CertificateAuthorities.writeNames(out, certificateAuthorities);
    }

    @Override
    public byte[] encoding() {
        return Received.or(encoding, this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateRequest12 c && certificateTypes.equals(c.certificateTypes)
                && signatureAlgorithms.equals(c.signatureAlgorithms)
                && certificateAuthorities.equals(c.certificateAuthorities);
    }

    @Override
    public int hashCode() {
        return Objects.hash(certificateTypes, signatureAlgorithms, certificateAuthorities);
    }

    @Override
    public String toString() {
        return "CertificateRequest(TLS 1.2){certificate_types=" + certificateTypes
                + ", supported_signature_algorithms=" + Codes.list(signatureAlgorithms, Codes::scheme)
                + ", certificate_authorities=" + certificateAuthorities + "}";
    }
}
