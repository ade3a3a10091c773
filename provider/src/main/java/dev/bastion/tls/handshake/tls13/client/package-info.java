/**
 * The TLS 1.3 client: {@link dev.bastion.tls.handshake.tls13.client.Tls13Client} and one small
 * immutable class per state (listed in flight order on {@code ClientState}).
 */
package dev.bastion.tls.handshake.tls13.client;
