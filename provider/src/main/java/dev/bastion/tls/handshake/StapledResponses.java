package dev.bastion.tls.handshake;

import dev.bastion.tls.message.CertificateEntry;
import dev.bastion.tls.message.CertificateStatus;
import dev.bastion.tls.message.ext.StatusRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OCSP responses a server stapled, in the shape {@code ExtendedSSLSession.getStatusResponses()}
 * reports them: one DER OCSPResponse per certificate of the chain, an empty array for a
 * certificate that came without one, or an empty list when the server stapled nothing. A client
 * that asked for them (status_request, RFC 6066 §8) finds them in a TLS 1.2 CertificateStatus
 * message (for the first certificate only) or in the status_request extension of each TLS 1.3
 * CertificateEntry (RFC 8446 §4.4.2.1; entries carry only extensions the client offered, which
 * the caller checks first). The trust manager reads them from the handshake session.
 */
public final class StapledResponses {
    private static final byte[] NONE = new byte[0];

    private StapledResponses() {
    }

    /**
     * The responses in TLS 1.3 Certificate entries.
     *
     * @throws dev.bastion.tls.codec.TlsAlert decode_error or illegal_parameter for a malformed
     *     CertificateStatus
     */
    public static List<byte[]> tls13(List<CertificateEntry> entries) {
        List<byte[]> responses = new ArrayList<>(entries.size());
        boolean any = false;
        for (CertificateEntry e : entries) {
            Optional<StatusRequest> status = e.extensions().get(StatusRequest.class);
            if (status.isPresent()) {
                responses.add(CertificateStatus.decode(status.get().data().reader()).ocspResponse().toByteArray());
                any = true;
            } else {
                responses.add(NONE);
            }
        }
        return any ? responses : List.of();
    }

    /** A TLS 1.2 CertificateStatus: the response for the first of {@code chainLength} certificates. */
    public static List<byte[]> tls12(CertificateStatus status, int chainLength) {
        List<byte[]> responses = new ArrayList<>(chainLength);
        responses.add(status.ocspResponse().toByteArray());
        for (int i = 1; i < chainLength; i++) {
            responses.add(NONE);
        }
        return responses;
    }
}
