/**
 * The TLS 1.3 server: {@link dev.bastion.tls.handshake.tls13.server.Tls13Server} and one small
 * immutable class per state (listed in flight order on {@code ServerState}).
 */
package dev.bastion.tls.handshake.tls13.server;
