/**
 * Sessions in JSSE terms and what resumption remembers of them:
 * {@link dev.bastion.tls.session.BastionSession} (the {@code ExtendedSSLSession}),
 * {@link dev.bastion.tls.session.SessionContext} (the {@code SSLSessionContext}, with the server's
 * compact TLS 1.2 session cache, the client's cache by peer, and ticket sealing through a
 * {@link dev.bastion.tls.session.TicketSealer}), {@link dev.bastion.tls.session.SessionState} and
 * its server-side encoding {@link dev.bastion.tls.session.SessionCodec}. Below {@code crypto}: it
 * knows versions and suites only as codes, and ticket keys only through {@code TicketSealer}.
 */
package dev.bastion.tls.session;
