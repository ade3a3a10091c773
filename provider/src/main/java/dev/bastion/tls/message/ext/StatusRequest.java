package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * A ClientHello's request (RFC 6066 §8, {@code CertificateStatusRequest}): for status_type
     * ocsp(1), the DER {@code request_extensions} of its {@code OCSPStatusRequest} (empty when
     * there are none; the responder_id_list is read and not used); empty for another status type,
     * which a server ignores.
     *
     * @throws dev.bastion.tls.codec.TlsAlert decode_error when the structure is malformed
     */
    public Optional<byte[]> ocspRequestExtensions() {
        Reader r = data.reader().named("status_request");
        int type = r.u8("status_type");
        if (type != 1) {
            return Optional.empty();
        }
        r.vec16(0, 0xFFFF, "responder_id_list");
        byte[] extensions = r.opaque16(0, 0xFFFF, "request_extensions");
        r.end("CertificateStatusRequest");
        return Optional.of(extensions);
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
