/**
 * Sessions in JSSE terms: {@link dev.bastion.tls.session.BastionSession} and the (for now
 * empty) {@link dev.bastion.tls.session.SessionContext}. Uses no protocol types, only names,
 * certificates and sizes.
 */
package dev.bastion.tls.session;
