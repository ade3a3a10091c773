package dev.bastion.tls.handshake;

import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ext.StatusRequest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The server's side of OCSP stapling (RFC 6066 §8): when this server staples
 * ({@link HandshakeConfig#statusRequest()}, {@code jdk.tls.server.enableStatusRequestExtension})
 * and the ClientHello asks for an ocsp status, the response for the end-entity certificate, from
 * {@link Credentials#ocspStaple}. TLS 1.3 puts it in the first CertificateEntry's status_request
 * (RFC 8446 §4.4.2.1); TLS 1.2 answers status_request in ServerHello and sends CertificateStatus
 * after Certificate, only when it has one ("the server MUST send the CertificateStatus message
 * only if it included status_request in ServerHello"). A resumed handshake has no certificate
 * and staples nothing. Another status type is ignored; a malformed request is decode_error.
 */
public final class ServerStaple {
    private ServerStaple() {
    }

    /** The response to staple for {@code chain}, or empty. */
    public static Optional<byte[]> find(HandshakeConfig config, ClientHello ch, List<X509Certificate> chain,
            HandshakeIo io) {
        if (config.client() || !config.statusRequest() || chain.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> extensions = ch.extensions().get(StatusRequest.class).flatMap(StatusRequest::ocspRequestExtensions);
        if (extensions.isEmpty()) {
            return Optional.empty();
        }
        return io.credentials().ocspStaple(chain, extensions.get());
    }
}
