/**
 * The TLS 1.2 server: {@link dev.bastion.tls.handshake.tls12.server.Tls12Server} and one small
 * immutable class per state (listed in flight order on {@code ServerState}).
 */
package dev.bastion.tls.handshake.tls12.server;
