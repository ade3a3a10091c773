package dev.bastion.tls.message;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.MessageKind;
import dev.bastion.tls.message.ext.Opaque;
import java.util.Objects;

/**
 * CertificateRequest in TLS 1.3 (RFC 8446 §4.3.2):
 * {@code opaque certificate_request_context<0..2^8-1>; Extension extensions<2..2^16-1>}.
 * "The signature_algorithms extension MUST be specified"; without it the message is
 * missing_extension (RFC 8446 §6.2: "a handshake message not containing an extension that
 * is mandatory to send"). Unknown extensions are kept, and the client ignores them.
 * The TLS 1.2 form is {@link CertificateRequest12}.
 *
 * @param encoding the exact bytes received, header included; {@code null} for one built locally
 */
public record CertificateRequest(Opaque certificateRequestContext, Extensions extensions, byte[] encoding)
        implements HandshakeMessage {

    public CertificateRequest {
        Checks.length(certificateRequestContext, 0, 0xFF, "certificate_request_context");
        Objects.requireNonNull(extensions, "extensions");
        if (!extensions.contains(ExtensionType.SIGNATURE_ALGORITHMS)) {
            throw new IllegalArgumentException("a CertificateRequest needs signature_algorithms");
        }
        encoding = Received.copy(encoding);
    }

    public CertificateRequest(Opaque certificateRequestContext, Extensions extensions) {
        this(certificateRequestContext, extensions, null);
    }

    /** Decodes a body; all of {@code body} must be the message. */
    public static CertificateRequest decode(Reader body) {
        Reader r = body.named("CertificateRequest");
        int start = r.position();
        Opaque context = Opaque.read8(r, 0, 0xFF, "certificate_request_context");
        Extensions extensions = Extensions.decode(r, MessageKind.CERTIFICATE_REQUEST);
        r.end("body");
        if (!extensions.contains(ExtensionType.SIGNATURE_ALGORITHMS)) {
            throw new TlsAlert(AlertDescription.MISSING_EXTENSION,
                    "CertificateRequest without signature_algorithms (RFC 8446 §4.3.2)");
        }
        return new CertificateRequest(context, extensions,
                Received.encoding(HandshakeType.CERTIFICATE_REQUEST, r, start));
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void encode(Writer out) {
        certificateRequestContext.write8(out);
        extensions.encode(out);
    }

    @Override
    public byte[] encoding() {
        return Received.or(encoding, this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateRequest c && certificateRequestContext.equals(c.certificateRequestContext)
                && extensions.equals(c.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(certificateRequestContext, extensions);
    }

    @Override
    public String toString() {
        return "CertificateRequest{certificate_request_context=" + certificateRequestContext
                + ", extensions=" + extensions + "}";
    }
}
