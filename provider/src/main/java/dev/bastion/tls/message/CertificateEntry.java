package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.MessageKind;
import dev.bastion.tls.message.ext.Opaque;
import java.util.Objects;

/**
 * {@code CertificateEntry} of a TLS 1.3 Certificate (RFC 8446 §4.4.2):
 * {@code opaque cert_data<1..2^24-1>} (a DER X.509 certificate, or a SubjectPublicKeyInfo for
 * raw public keys: the same shape), then {@code Extension extensions<0..2^16-1>}.
 */
public record CertificateEntry(Opaque data, Extensions extensions) {
    public CertificateEntry {
        Checks.length(data, 1, 0xFFFFFF, "cert_data");
        Objects.requireNonNull(extensions, "extensions");
        if (!extensions.isPresent()) {
            throw new IllegalArgumentException("a CertificateEntry always has an extensions block");
        }
    }

    /** An entry without extensions. */
    public static CertificateEntry of(Opaque data) {
        return new CertificateEntry(data, Extensions.EMPTY);
    }

    public static CertificateEntry decode(Reader r) {
        Opaque data = Opaque.read24(r, 1, 0xFFFFFF, "cert_data");
        return new CertificateEntry(data, Extensions.decode(r, MessageKind.CERTIFICATE));
    }

    public void encode(Writer out) {
        data.write24(out);
        extensions.encode(out);
    }

    @Override
    public String toString() {
        return "{cert_data=" + data + ", extensions=" + extensions + "}";
    }
}
