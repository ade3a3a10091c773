package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import java.util.Objects;

/**
 * status_request (RFC 6066 §8; RFC 8446 §4.4.2.1). Kept as its raw bytes: a
 * CertificateStatusRequest in CH/CR, a CertificateStatus (OCSP response) in a TLS 1.3
 * CertificateEntry, empty in a TLS 1.2 ServerHello.
 */
public record StatusRequest(Opaque data) implements Extension {
    public StatusRequest {
        Objects.requireNonNull(data, "data");
    }

    public static StatusRequest decode(Reader data) {
        return new StatusRequest(Opaque.readRest(data));
    }

    @Override
    public int code() {
        return ExtensionType.STATUS_REQUEST.code();
    }

    @Override
    public void encodeData(Writer out) {
        data.writeTo(out);
    }

    @Override
    public String toString() {
        return "status_request{" + data + "}";
    }
}
