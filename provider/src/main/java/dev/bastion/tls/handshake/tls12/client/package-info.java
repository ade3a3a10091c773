/**
 * The TLS 1.2 client: {@link dev.bastion.tls.handshake.tls12.client.Tls12Client} and one small
 * immutable class per state (listed in flight order on {@code ClientState}).
 */
package dev.bastion.tls.handshake.tls12.client;
