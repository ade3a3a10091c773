package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.Opaque;
import java.util.Objects;

/**
 * CertificateStatus (RFC 6066 §8): {@code CertificateStatusType status_type} (only ocsp(1)
 * exists and is what a client asks for) then {@code opaque OCSPResponse<1..2^24-1>}, a DER
 * OCSPResponse (RFC 6960). A TLS 1.2 server sends it as a handshake message right after its
 * Certificate; in TLS 1.3 the same structure is the data of the status_request extension of a
 * CertificateEntry (RFC 8446 §4.4.2.1). Another status type is illegal_parameter; a bad length
 * is decode_error.
 */
public record CertificateStatus(Opaque ocspResponse) implements HandshakeMessage {
    /** {@code CertificateStatusType.ocsp}. */
    public static final int OCSP = 1;

    public CertificateStatus {
        Objects.requireNonNull(ocspResponse, "ocspResponse");
        Checks.length(ocspResponse, 1, 0xFFFFFF, "OCSPResponse");
    }

    /** Decodes a body (the handshake message, or a CertificateEntry's status_request data); all of it must be the structure. */
    public static CertificateStatus decode(Reader body) {
        Reader r = body.named("CertificateStatus");
        int type = r.u8("status_type");
        if (type != OCSP) {
            throw TlsAlert.illegalParameter("CertificateStatus.status_type " + type
                    + ": only ocsp (1) was requested (RFC 6066 §8)");
        }
        Opaque response = Opaque.read24(r, 1, 0xFFFFFF, "OCSPResponse");
        r.end("body");
        return new CertificateStatus(response);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_STATUS;
    }

    @Override
    public void encode(Writer out) {
        out.u8(OCSP);
        ocspResponse.write24(out);
    }

    @Override
    public String toString() {
        return "CertificateStatus{ocsp, " + ocspResponse.length() + " bytes}";
    }
}
