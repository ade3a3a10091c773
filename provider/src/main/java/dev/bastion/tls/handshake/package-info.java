/**
 * Handshakes as state machines (MODELS.md §5.2). The connection core drives a
 * {@link dev.bastion.tls.handshake.Handshaker} and lets it act only through
 * {@link dev.bastion.tls.handshake.HandshakeIo}. Each handshake step is a
 * {@link dev.bastion.tls.handshake.HandshakeState}; the stateless helpers here are shared by
 * both sides and versions: {@link dev.bastion.tls.handshake.ClientHellos} (one hello for both
 * versions), {@link dev.bastion.tls.handshake.ClientOffer} (what it offered, handed from the
 * TLS 1.3 client to the TLS 1.2 one), {@link dev.bastion.tls.handshake.ServerVersions} (the
 * server's version choice), {@link dev.bastion.tls.handshake.ServerAnswers} (server_name and
 * ALPN answers),
 * {@link dev.bastion.tls.handshake.Negotiator}, {@link dev.bastion.tls.handshake.ServerNames},
 * {@link dev.bastion.tls.handshake.CertificateChains}, and the proof tokens
 * {@link dev.bastion.tls.handshake.PeerVerified} and
 * {@link dev.bastion.tls.handshake.SignatureVerified} (with {@code crypto.FinishedVerified}).
 */
package dev.bastion.tls.handshake;
