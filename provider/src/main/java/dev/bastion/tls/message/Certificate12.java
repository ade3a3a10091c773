package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.Opaque;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificate in TLS 1.2 (RFC 5246 §7.4.2):
 * {@code ASN.1Cert certificate_list<0..2^24-1>}, {@code opaque ASN.1Cert<1..2^24-1>}.
 *
 * @param encoding the exact bytes received, header included; {@code null} for one built locally
 */
public record Certificate12(List<Opaque> certificates, byte[] encoding) implements HandshakeMessage {
    public Certificate12 {
        certificates = List.copyOf(certificates);
        for (Opaque c : certificates) {
            Checks.length(c, 1, 0xFFFFFF, "ASN.1Cert");
        }
        encoding = Received.copy(encoding);
    }

    public Certificate12(List<Opaque> certificates) {
        this(certificates, null);
    }

    /** Decodes a body; all of {@code body} must be the message. */
    public static Certificate12 decode(Reader body) {
        Reader r = body.named("Certificate");
        int start = r.position();
        Reader list = r.vec24(0, 0xFFFFFF, "certificate_list");
        List<Opaque> certs = new ArrayList<>();
        while (list.hasRemaining()) {
            certs.add(Opaque.read24(list, 1, 0xFFFFFF, "ASN.1Cert"));
        }
        r.end("body");
        return new Certificate12(certs, Received.encoding(HandshakeType.CERTIFICATE, r, start));
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void encode(Writer out) {
        out.vec24(w -> certificates.forEach(c -> c.write24(w)));
    }

    @Override
    public byte[] encoding() {
        return Received.or(encoding, this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Certificate12 c && certificates.equals(c.certificates);
    }

    @Override
    public int hashCode() {
        return certificates.hashCode();
    }

    @Override
    public String toString() {
        return "Certificate(TLS 1.2){certificate_list=" + certificates + "}";
    }
}
