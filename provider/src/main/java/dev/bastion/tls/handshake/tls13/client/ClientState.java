package dev.bastion.tls.handshake.tls13.client;

import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.HandshakeState;
import dev.bastion.tls.message.HandshakeMessage;

/**
 * The TLS 1.3 client (RFC 8446 §2, §4), one state per step, in flight order:
 * <pre>
 * Tls13Client.start                     send ClientHello (key shares for config.keyShareGroups())
 * AwaitServerHello                      HelloRetryRequest: [CCS] ClientHello2, AwaitServerHello again (once);
 *                                       ServerHello: handshake keys; a TLS 1.2 ServerHello (when TLS 1.2 is
 *                                       enabled) goes to the TLS 1.2 client (Tls12Client.serverHello)
 * AwaitEncryptedExtensions
 * AwaitCertificateOrCertificateRequest
 * AwaitCertificate                      (after a CertificateRequest)
 * AwaitCertificateVerify
 * AwaitServerFinished                   [CCS] [Certificate [CertificateVerify]] Finished; application keys; complete
 * Traffic                               NewSessionTicket, KeyUpdate
 * </pre>
 */
sealed interface ClientState extends HandshakeState permits AwaitServerHello, AwaitEncryptedExtensions,
        AwaitCertificateOrCertificateRequest, AwaitCertificate, AwaitCertificateVerify, AwaitServerFinished, Traffic {

    /** Every state but AwaitServerHello stays in TLS 1.3 and narrows this to {@code ClientState}. */
    @Override
    HandshakeState next(HandshakeMessage message, HandshakeIo io);
}
