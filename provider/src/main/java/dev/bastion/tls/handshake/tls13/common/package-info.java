/**
 * What the TLS 1.3 client and server share: the key schedule of a full handshake
 * ({@link dev.bastion.tls.handshake.tls13.common.HandshakeTraffic}), application traffic secrets
 * and KeyUpdate ({@link dev.bastion.tls.handshake.tls13.common.ApplicationTraffic}), and the
 * CertificateVerify content ({@link dev.bastion.tls.handshake.tls13.common.CertificateVerify13}).
 */
package dev.bastion.tls.handshake.tls13.common;
