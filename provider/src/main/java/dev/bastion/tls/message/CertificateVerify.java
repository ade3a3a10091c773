package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.Codes;
import dev.bastion.tls.message.ext.Opaque;
import java.util.Objects;

/**
 * CertificateVerify (RFC 8446 §4.4.3; RFC 5246 §7.4.8 has the same wire form, a
 * digitally-signed struct): {@code SignatureScheme algorithm; opaque signature<0..2^16-1>}.
 *
 * @param encoding the exact bytes received, header included; {@code null} for one built locally
 */
public record CertificateVerify(int signatureScheme, Opaque signature, byte[] encoding) implements HandshakeMessage {
    public CertificateVerify {
        Checks.u16(signatureScheme, "algorithm");
        Checks.length(signature, 0, 0xFFFF, "signature");
        encoding = Received.copy(encoding);
    }

    public CertificateVerify(int signatureScheme, Opaque signature) {
        this(signatureScheme, signature, null);
    }

    /** Decodes a body; all of {@code body} must be the message. */
    public static CertificateVerify decode(Reader body) {
        Reader r = body.named("CertificateVerify");
        int start = r.position();
        int scheme = r.u16("algorithm");
        Opaque signature = Opaque.read16(r, 0, 0xFFFF, "signature");
        r.end("body");
        return new CertificateVerify(scheme, signature, Received.encoding(HandshakeType.CERTIFICATE_VERIFY, r, start));
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_VERIFY;
    }

    @Override
    public void encode(Writer out) {
        out.u16(signatureScheme);
        signature.write16(out);
    }

    @Override
    public byte[] encoding() {
        return Received.or(encoding, this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateVerify c && signatureScheme == c.signatureScheme
                && signature.equals(c.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(signatureScheme, signature);
    }

    @Override
    public String toString() {
        return "CertificateVerify{algorithm=" + Codes.scheme(signatureScheme) + ", signature=" + signature + "}";
    }
}
