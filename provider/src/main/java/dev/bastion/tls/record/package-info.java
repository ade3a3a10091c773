/**
 * The TLS record layer (RFC 8446 §5, RFC 5246 §6.2), sans-IO: it works on buffers the caller
 * supplies and never touches a socket.
 *
 * <ul>
 * <li>{@link dev.bastion.tls.record.RecordReader} frames one inbound record at a time
 *     ({@link dev.bastion.tls.record.RecordHeader} checks the header as soon as 5 bytes are
 *     in) and opens it into a destination buffer or in place.</li>
 * <li>{@link dev.bastion.tls.record.RecordWriter} fragments content into records of at most
 *     the configured fragment length and seals them.</li>
 * <li>{@link dev.bastion.tls.record.Protection} is the sealed set of protection states:
 *     {@link dev.bastion.tls.record.NullProtection},
 *     {@link dev.bastion.tls.record.Tls13Protection},
 *     {@link dev.bastion.tls.record.Tls12AeadProtection}. The AEAD states own their sequence
 *     numbers and allocate nothing per record once warm.</li>
 * <li>{@link dev.bastion.tls.record.HandshakeAssembler} turns handshake record content into
 *     whole messages; {@link dev.bastion.tls.record.AlertMessage} decodes and encodes alerts.</li>
 * <li>Every bound lives in {@link dev.bastion.tls.record.RecordLimits}.</li>
 * </ul>
 *
 * <h2>Left to the connection, with the tools for it here</h2>
 * <ul>
 * <li>Call {@link dev.bastion.tls.record.HandshakeAssembler#requireEmpty} before installing
 *     new read keys (RFC 8446 §5.1) and when a non-handshake record arrives (no
 *     interleaving).</li>
 * <li>Count empty records and dropped TLS 1.3 compatibility change_cipher_spec records with
 *     {@link dev.bastion.tls.record.EmptyRecordGuard}; decide when a CCS is allowed at all
 *     (RFC 8446 §5: after the first ClientHello, before the peer's Finished).</li>
 * <li>Send a KeyUpdate when {@link dev.bastion.tls.record.Tls13Protection#keyUpdateDue()}
 *     (RFC 8446 §5.5); sequence number exhaustion itself is {@code internal_error}.</li>
 * <li>Application data is refused in plaintext by the protections; whether protected
 *     application data is acceptable yet (handshake state, 0-RTT) is the connection's call.</li>
 * <li>A first record that is not TLS at all raises {@code protocol_version}; the connection
 *     may close without sending it, as OpenSSL does.</li>
 * <li>An {@code SSLEngine} whose application buffer has SunJSSE's size (2^14) cannot take a
 *     full TLS 1.3 record's inner plaintext (2^14 + 1): open such records in place with
 *     {@link dev.bastion.tls.record.RecordReader#readInPlace} and copy the content out.</li>
 * </ul>
 */
package dev.bastion.tls.record;
