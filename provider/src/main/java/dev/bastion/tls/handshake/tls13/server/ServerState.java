package dev.bastion.tls.handshake.tls13.server;

import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.HandshakeState;
import dev.bastion.tls.message.HandshakeMessage;

/**
 * The TLS 1.3 server (RFC 8446 §2, §4), one state per step, in flight order:
 * <pre>
 * AwaitClientHello               a ClientHello for which TLS 1.2 is chosen (ServerVersions) goes to the
 *                                TLS 1.2 server (Tls12Server.clientHello);
 *                                choose suite, group, certificate, ALPN, SNI (ServerChoices);
 *                                no usable key share: HelloRetryRequest [CCS], AwaitSecondClientHello
 * AwaitSecondClientHello         (after a HelloRetryRequest)
 *   ServerFlight                 ServerHello [CCS] EncryptedExtensions [CertificateRequest] Certificate
 *                                CertificateVerify Finished; server application keys
 * AwaitClientCertificate         (when a certificate was requested)
 * AwaitClientCertificateVerify   (when the client sent one)
 * AwaitClientFinished            client application keys; complete; NewSessionTickets (Tickets)
 * Traffic                        KeyUpdate
 * </pre>
 */
sealed interface ServerState extends HandshakeState permits AwaitClientHello, AwaitSecondClientHello,
        AwaitClientCertificate, AwaitClientCertificateVerify, AwaitClientFinished, Traffic {

    /** Every state but AwaitClientHello stays in TLS 1.3 and narrows this to {@code ServerState}. */
    @Override
    HandshakeState next(HandshakeMessage message, HandshakeIo io);
}
