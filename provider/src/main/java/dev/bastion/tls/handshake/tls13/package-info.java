/**
 * The TLS 1.3 handshake (RFC 8446): {@link dev.bastion.tls.handshake.tls13.Tls13Handshakers}
 * makes the client and server {@link dev.bastion.tls.handshake.Handshaker}s. The states live in
 * {@code client} and {@code server} (one sealed interface each, listing the states in flight
 * order); what both sides share is in {@code common}.
 */
package dev.bastion.tls.handshake.tls13;
