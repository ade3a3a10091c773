package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.HandshakeState;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.HelloRequest;

/**
 * The TLS 1.2 client (RFC 5246 §7.3), one state per step, in flight order:
 * <pre>
 * Tls12Client.start                send ClientHello (TLS 1.2 only; a client that also offers TLS 1.3
 *                                  starts in the TLS 1.3 client, which hands a TLS 1.2 ServerHello over
 *                                  through Tls12Client.serverHello)
 * AwaitServerHello                 checks (ServerHelloChecks)
 * AwaitServerCertificate           trust manager (unless the server will staple)
 * AwaitCertificateStatus           (after status_request in the ServerHello) [CertificateStatus]; trust manager
 * AwaitServerKeyExchange           (ECDHE, DHE) signature and parameters
 * AwaitCertificateRequestOrDone
 * AwaitServerHelloDone             (after a CertificateRequest)
 *   ClientFlight                   [Certificate] ClientKeyExchange [CertificateVerify] CCS Finished
 * AwaitServerCcs                   [NewSessionTicket] server's ChangeCipherSpec: read keys
 * AwaitServerFinished              complete; keep the session (Sessions12)
 *
 *   ResumedHandshake               the ServerHello echoes the offered session's id: abbreviated handshake
 * AwaitResumedServerCcs            [NewSessionTicket] server's ChangeCipherSpec: read keys
 * AwaitResumedServerFinished       CCS Finished; complete; keep the session
 * Traffic                          HelloRequest: no_renegotiation warning
 * </pre>
 * RFC 5246 §7.4.1.1: a HelloRequest that arrives while the handshake runs is ignored (and kept
 * out of the transcript by the connection); {@link #next} does that for every state.
 */
sealed interface ClientState extends HandshakeState permits AwaitServerHello, AwaitServerCertificate, AwaitCertificateStatus,
        AwaitServerKeyExchange, AwaitCertificateRequestOrDone, AwaitServerHelloDone, AwaitServerCcs,
        AwaitServerFinished, AwaitResumedServerCcs, AwaitResumedServerFinished, Traffic {

    @Override
    default ClientState next(HandshakeMessage message, HandshakeIo io) {
        if (message instanceof HelloRequest) {
            return this;
        }
        return receive(message, io);
    }

    /** Handles a message other than HelloRequest. */
    ClientState receive(HandshakeMessage message, HandshakeIo io);

    /** RFC 8446 §5's compatibility CCS has no place in TLS 1.2: a CCS is always the real one. */
    @Override
    default boolean acceptsCompatibilityCcs() {
        return false;
    }
}
