package dev.bastion.tls.handshake.tls13.server;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.handshake.Negotiated;
import java.util.Optional;

/**
 * What the server decided from the first ClientHello; a second ClientHello (after a
 * HelloRetryRequest) may only change the key share, so these stand.
 *
 * @param certificate the certificate and signature scheme, once chosen: a handshake that resumes
 *     with a PSK right away never asks the key manager
 * @param serverNameAck whether EncryptedExtensions acknowledges the client's server_name
 */
record Choices(CipherSuite suite, NamedGroup group, Optional<ServerCredential> certificate,
        Optional<String> applicationProtocol, boolean serverNameAck, Negotiated negotiated) {

    /** These choices with {@code other} as the suite (a resumption in the session's own suite). */
    Choices withSuite(CipherSuite other) {
        return new Choices(other, group, certificate, applicationProtocol, serverNameAck, negotiated.withCipherSuite(other));
    }

    Choices with(ServerCredential c) {
        return new Choices(suite, group, Optional.of(c), applicationProtocol, serverNameAck,
                negotiated.withLocalCertificates(c.credential().chain()));
    }
}
