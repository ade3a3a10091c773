package dev.bastion.tls.handshake.tls13.server;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.LocalCredential;
import dev.bastion.tls.handshake.Negotiated;
import java.util.Optional;

/**
 * What the server decided from the first ClientHello; a second ClientHello (after a
 * HelloRetryRequest) may only change the key share, so these stand.
 *
 * @param serverNameAck whether EncryptedExtensions acknowledges the client's server_name
 */
record Choices(CipherSuite suite, NamedGroup group, SignatureScheme scheme, LocalCredential credential,
        Optional<String> applicationProtocol, boolean serverNameAck, Negotiated negotiated) {
}
