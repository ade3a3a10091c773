/**
 * The configuration a context reads from the JDK's properties, and the
 * {@link dev.bastion.tls.handshake.HandshakeConfig} built from it for each handshake.
 *
 * <table>
 * <caption>Honoured properties (system properties unless marked "security")</caption>
 * <tr><th>property</th><th>effect</th></tr>
 * <tr><td>{@code jdk.tls.client.protocols}, {@code jdk.tls.server.protocols}</td><td>default
 *     enabled protocols of client/server engines of "TLS" and "Default" contexts</td></tr>
 * <tr><td>{@code jdk.tls.client.cipherSuites}, {@code jdk.tls.server.cipherSuites}</td><td>default
 *     enabled suites per side</td></tr>
 * <tr><td>{@code jdk.tls.namedGroups}</td><td>supported groups and their order; key shares for
 *     the first (and the first classical one after a hybrid)</td></tr>
 * <tr><td>{@code jdk.tls.client.SignatureSchemes}, {@code jdk.tls.server.SignatureSchemes}</td><td>signature
 *     schemes per side (handshake and certificate lists)</td></tr>
 * <tr><td>{@code jdk.tls.maxHandshakeMessageSize}</td><td>largest handshake message (32768)</td></tr>
 * <tr><td>{@code jdk.tls.client.maxInboundCertificateChainLength},
 *     {@code jdk.tls.server.maxInboundCertificateChainLength}, {@code jdk.tls.maxCertificateChainLength}</td><td>longest
 *     chain a client takes from a server (10) and a server from a client (8; 10 before Java 22); the side's own
 *     property first</td></tr>
 * <tr><td>{@code jdk.tls.client.useCompatibilityMode}</td><td>TLS 1.3 middlebox compatibility (true)</td></tr>
 * <tr><td>{@code jdk.tls.disabledAlgorithms} (security)</td><td>protocols, suites, groups, signature
 *     schemes, key sizes</td></tr>
 * <tr><td>{@code jdk.tls.keyLimits} (security)</td><td>bytes per TLS 1.3 key before KeyUpdate</td></tr>
 * </table>
 *
 * <p>Unknown names in properties are ignored with a warning (logger
 * {@code dev.bastion.tls.config}); unknown names passed to {@code setEnabled*} are
 * {@code IllegalArgumentException}.
 */
package dev.bastion.tls.connection.config;
