/**
 * The connection core: one sans-IO {@link dev.bastion.tls.connection.Connection} per TLS
 * connection, which the {@code SSLEngine} (and later the {@code SSLSocket}) adapt.
 *
 * <ul>
 * <li>{@link dev.bastion.tls.connection.Connection}: lifecycle, status, delegated tasks, close
 *     state, and the {@link dev.bastion.tls.handshake.HandshakeIo} effects (through
 *     {@code ConnectionIo}).</li>
 * <li>{@code Inbound} / {@code Outbound}: the read side (one record at a time, TLS 1.3 record
 *     rules) and the write side (queued records per write epoch, coalesced handshake
 *     messages).</li>
 * <li>{@code Failure}: the one catch site (MODELS.md §5.4).</li>
 * <li>{@code KeyUsage} and {@link dev.bastion.tls.connection.Limits}: the named bounds.</li>
 * <li>{@link dev.bastion.tls.connection.Handshakers}: the one place that creates the real
 *     handshaker (see its INTEGRATION note).</li>
 * </ul>
 */
package dev.bastion.tls.connection;
