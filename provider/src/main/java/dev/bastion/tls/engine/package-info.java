/**
 * The JSSE adapters over the connection core: {@link dev.bastion.tls.engine.BastionEngine}
 * ({@code SSLEngine}) with its parameters, sessions and credentials (key manager, trust
 * manager, ALPN selector). {@code SSLSocket} joins in issue 5.
 */
package dev.bastion.tls.engine;
