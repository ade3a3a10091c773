/** The JCA service implementations: {@link dev.bastion.tls.spi.BastionSSLContext}. */
package dev.bastion.tls.spi;
