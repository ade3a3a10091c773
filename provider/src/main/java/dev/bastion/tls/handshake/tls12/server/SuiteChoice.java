package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.DhParameters;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.LocalCredential;
import java.util.Optional;

/**
 * A TLS 1.2 suite the server can carry out, with what it needs: the (EC)DHE group (empty for RSA
 * key transport), the certificate, and the scheme that signs the ServerKeyExchange (empty for
 * RSA key transport, which sends none); for DHE with a client that lists no FFDHE group, the
 * {@code jdk.tls.server.defaultDHEParameters} group of the chosen size, used instead of the
 * RFC 7919 one ({@code customDh}).
 */
record SuiteChoice(CipherSuite suite, Optional<NamedGroup> group, LocalCredential credential,
        Optional<SignatureScheme> scheme, Optional<DhParameters> customDh) {
}
