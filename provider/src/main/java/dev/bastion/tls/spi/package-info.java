/**
 * The JCA service implementations: {@link dev.bastion.tls.spi.BastionSSLContext},
 * {@link dev.bastion.tls.spi.BastionKeyManagerFactory} and
 * {@link dev.bastion.tls.spi.BastionTrustManagerFactory}.
 */
package dev.bastion.tls.spi;
