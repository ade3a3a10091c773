package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.HandshakeState;
import dev.bastion.tls.message.HandshakeMessage;

/**
 * The TLS 1.2 server (RFC 5246 §7.3), one state per step, in flight order:
 * <pre>
 * AwaitClientHello               (a server enabling TLS 1.2 alone; one that enables TLS 1.3 too starts in
 *                                the TLS 1.3 server, which hands a ClientHello without TLS 1.3 over
 *                                through Tls12Server.clientHello)
 *   ClientHelloChecks, ServerChoices
 *   ServerFlight                 ServerHello Certificate [ServerKeyExchange] [CertificateRequest] ServerHelloDone
 * AwaitClientCertificate         (when a certificate was requested)
 * AwaitClientKeyExchange         premaster (RSA: the §7.4.7.1 countermeasure), master secret
 * AwaitClientCertificateVerify   (when the client sent a certificate)
 * AwaitClientCcs                 client's ChangeCipherSpec: read keys
 * AwaitClientFinished            [NewSessionTicket] CCS Finished; complete; cache the session (no ticket)
 *
 *   ResumeChecks, AbbreviatedFlight   a ticket or session id to resume: ServerHello [NewSessionTicket] CCS Finished
 * AwaitResumedClientCcs          client's ChangeCipherSpec: read keys
 * AwaitResumedClientFinished     complete
 * Traffic                        ClientHello: no_renegotiation warning
 * </pre>
 */
sealed interface ServerState extends HandshakeState permits AwaitClientHello, AwaitClientCertificate,
        AwaitClientKeyExchange, AwaitClientCertificateVerify, AwaitClientCcs, AwaitClientFinished,
        AwaitResumedClientCcs, AwaitResumedClientFinished, Traffic {

    @Override
    ServerState next(HandshakeMessage message, HandshakeIo io);

    /** RFC 8446 §5's compatibility CCS has no place in TLS 1.2: a CCS is always the real one. */
    @Override
    default boolean acceptsCompatibilityCcs() {
        return false;
    }
}
