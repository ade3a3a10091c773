package dev.bastion.tls.handshake.tls13.server;

import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.LocalCredential;

/** The server's certificate and key (from the key manager) and the scheme its CertificateVerify uses. */
record ServerCredential(SignatureScheme scheme, LocalCredential credential) {
}
