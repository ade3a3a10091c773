/**
 * The TLS 1.2 handshake (RFC 5246 with RFC 7627, RFC 5746, RFC 8422, RFC 7919):
 * {@link dev.bastion.tls.handshake.tls12.Tls12Handshakers}; the states live in {@code client}
 * and {@code server}, what both share in {@code common}.
 */
package dev.bastion.tls.handshake.tls12;
