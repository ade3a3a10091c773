/**
 * Handshake messages of TLS 1.3 (RFC 8446 §4) and TLS 1.2 (RFC 5246 §7.4, RFC 8422, RFC 5077):
 * one immutable record per message with {@code static decode(Reader body[, context])} and
 * {@code encode(Writer)}, and {@link dev.bastion.tls.message.MessageDecoder} to pick the record
 * for a type byte, side and version.
 *
 * <p>Decoded messages keep their exact received bytes ({@code encoding()}, header included)
 * for the transcript and PSK binders; records compare by structure. Opaque fields are
 * {@link dev.bastion.tls.message.ext.Opaque} (immutable), lists are unmodifiable, and code
 * points (suites, groups, schemes, versions) are plain {@code int}s so that unknown and GREASE
 * values survive. Decoding checks structure and the rules that belong to one message; what
 * depends on the handshake so far (was it offered? is it the right moment?) is the handshake
 * layer's, with helpers here. Every failure is a {@link dev.bastion.tls.codec.TlsAlert}.
 *
 * <p>{@link dev.bastion.tls.message.Dissector} writes any message out as Wireshark's packet
 * details show it, for the handshake trace ({@link dev.bastion.tls.message.HandshakeTrace},
 * {@code dev.bastion.tls.debug=handshake}), which logs through {@code dev.bastion.tls.diag}.
 * Otherwise this package depends on {@code dev.bastion.tls.codec} only.
 */
package dev.bastion.tls.message;
