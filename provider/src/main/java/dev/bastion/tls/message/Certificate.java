package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.Opaque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Certificate in TLS 1.3 (RFC 8446 §4.4.2):
 * {@code opaque certificate_request_context<0..2^8-1>; CertificateEntry certificate_list<0..2^24-1>}.
 * The TLS 1.2 form is {@link Certificate12}. An empty list is legal on the wire (a client
 * without a certificate); whether it is acceptable is the handshake's decision.
 *
 * @param encoding the exact bytes received, header included; {@code null} for one built locally
 */
public record Certificate(Opaque certificateRequestContext, List<CertificateEntry> entries, byte[] encoding)
        implements HandshakeMessage {

    public Certificate {
        Checks.length(certificateRequestContext, 0, 0xFF, "certificate_request_context");
        entries = List.copyOf(entries);
        encoding = Received.copy(encoding);
    }

    public Certificate(Opaque certificateRequestContext, List<CertificateEntry> entries) {
        this(certificateRequestContext, entries, null);
    }

    /** Decodes a body; all of {@code body} must be the message. */
    public static Certificate decode(Reader body) {
        Reader r = body.named("Certificate");
        int start = r.position();
        Opaque context = Opaque.read8(r, 0, 0xFF, "certificate_request_context");
        Reader list = r.vec24(0, 0xFFFFFF, "certificate_list");
        List<CertificateEntry> entries = new ArrayList<>();
        while (list.hasRemaining()) {
            entries.add(CertificateEntry.decode(list));
        }
        r.end("body");
        return new Certificate(context, entries, Received.encoding(HandshakeType.CERTIFICATE, r, start));
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void encode(Writer out) {
        certificateRequestContext.write8(out);
        out.vec24(w -> entries.forEach(e -> e.encode(w)));
    }

    @Override
    public byte[] encoding() {
        return Received.or(encoding, this);
    }

    /** The cert_data of each entry, in order (end-entity first). */
    public List<Opaque> certificates() {
        return entries.stream().map(CertificateEntry::data).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Certificate c && certificateRequestContext.equals(c.certificateRequestContext)
                && entries.equals(c.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(certificateRequestContext, entries);
    }

    @Override
    public String toString() {
        return "Certificate{certificate_request_context=" + certificateRequestContext
                + ", certificate_list=" + entries + "}";
    }
}
