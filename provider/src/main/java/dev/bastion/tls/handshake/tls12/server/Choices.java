package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.handshake.Negotiated;
import java.util.Optional;

/**
 * What the TLS 1.2 server decided from the ClientHello.
 *
 * @param serverNameAck whether the ServerHello acknowledges the client's server_name
 * @param extendedMasterSecret whether both sides use the extended master secret (RFC 7627)
 * @param secureRenegotiation whether the client signalled RFC 5746 (the ServerHello then carries
 *     an empty renegotiation_info)
 * @param pointFormats whether the ServerHello answers the client's ec_point_formats
 * @param issueTicket whether the server issues an RFC 5077 ticket (the ServerHello then carries an
 *     empty session_ticket)
 */
record Choices(SuiteChoice suite, Optional<String> applicationProtocol, boolean serverNameAck,
        boolean extendedMasterSecret, boolean secureRenegotiation, boolean pointFormats, boolean issueTicket,
        Negotiated negotiated) {
}
