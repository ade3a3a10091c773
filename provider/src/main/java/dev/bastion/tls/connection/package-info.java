/**
 * The connection core: one sans-IO {@link dev.bastion.tls.connection.Connection} per TLS
 * connection, which the {@code SSLEngine} (and later the {@code SSLSocket}) adapt.
 *
 * <ul>
 * <li>{@link dev.bastion.tls.connection.Connection}: lifecycle, status, delegated tasks, close
 *     state, and the {@link dev.bastion.tls.handshake.HandshakeIo} effects (through
 *     {@code ConnectionIo}).</li>
 * <li>{@code Inbound} / {@code Outbound}: the read side (one record at a time, TLS 1.3 and
 *     TLS 1.2 record rules: a change_cipher_spec is TLS 1.3's compatibility record while the
 *     handshaker accepts one, else TLS 1.2's and goes to
 *     {@link dev.bastion.tls.handshake.Handshaker#changeCipherSpec}) and the write side
 *     (queued records per write epoch, coalesced handshake messages; a TLS 1.2
 *     change_cipher_spec is queued with the write-key change that follows it).</li>
 * <li>{@code Failure}: the one catch site (MODELS.md §5.4).</li>
 * <li>{@code KeyUsage} and {@link dev.bastion.tls.connection.Limits}: the named bounds.</li>
 * <li>{@link dev.bastion.tls.connection.Handshakers}: the one place that creates the real
 *     handshaker: TLS 1.3's whenever TLS 1.3 is enabled (it hands over to TLS 1.2's states),
 *     else TLS 1.2's.</li>
 * </ul>
 */
package dev.bastion.tls.connection;
