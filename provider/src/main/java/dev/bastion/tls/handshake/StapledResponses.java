package dev.bastion.tls.handshake;

import dev.bastion.tls.crypto.OcspResponseCheck;
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
 * the caller checks first). Each must be a successful OCSP response ({@link OcspResponseCheck}:
 * else bad_certificate_status_response); the trust manager reads them from the handshake session.
 */
public final class StapledResponses {
    private static final byte[] NONE = new byte[0];

    private StapledResponses() {
    }

    /**
     * The responses in TLS 1.3 Certificate entries.
     *
     * @throws dev.bastion.tls.codec.TlsAlert decode_error or illegal_parameter for a malformed
     *     CertificateStatus, bad_certificate_status_response for a response that is not a
     *     successful OCSP response
     */
    public static List<byte[]> tls13(List<CertificateEntry> entries) {
        List<byte[]> responses = new ArrayList<>(entries.size());
        boolean any = false;
        for (CertificateEntry e : entries) {
            Optional<StatusRequest> status = e.extensions().get(StatusRequest.class);
            if (status.isPresent()) {
                byte[] response = CertificateStatus.decode(status.get().data().reader()).ocspResponse().toByteArray();
                OcspResponseCheck.check(response);
                responses.add(response);
                any = true;
            } else {
                responses.add(NONE);
            }
        }
        return any ? responses : List.of();
    }

    /**
     * {@code n} with {@code stapled}, shown in the handshake session at once, so that the trust
     * manager asked next can read them; {@code n} itself when nothing was stapled.
     */
    public static Negotiated shown(Negotiated n, List<byte[]> stapled, HandshakeIo io) {
        if (stapled.isEmpty()) {
            return n;
        }
        Negotiated withResponses = n.withStatusResponses(stapled);
        io.handshakeSession(withResponses);
        return withResponses;
    }

    /** A TLS 1.2 CertificateStatus: the response for the first of {@code chainLength} certificates (checked as above). */
    public static List<byte[]> tls12(CertificateStatus status, int chainLength) {
        byte[] response = status.ocspResponse().toByteArray();
        OcspResponseCheck.check(response);
        List<byte[]> responses = new ArrayList<>(chainLength);
        responses.add(response);
        for (int i = 1; i < chainLength; i++) {
            responses.add(NONE);
        }
        return responses;
    }
}
