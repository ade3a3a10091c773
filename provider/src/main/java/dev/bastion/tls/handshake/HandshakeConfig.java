package dev.bastion.tls.handshake;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ext.Extension;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.MaxFragmentLength;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;

/**
 * Everything a handshake needs to know about what this side allows and wants: the result of
 * the context's defaults, the {@code jdk.tls.*} properties and the engine's
 * {@code SSLParameters}, fixed when the handshake starts.
 *
 * @param client true for the client side
 * @param versions enabled protocol versions, as wire codes, highest first (0x0304, 0x0303)
 * @param cipherSuites enabled suites in preference order
 * @param groups supported groups in preference order (supported_groups)
 * @param keyShareGroups the groups a client sends key shares for up front (a prefix-ordered
 *     subset of {@code groups}; others are reachable through HelloRetryRequest)
 * @param signatureSchemes schemes accepted for handshake signatures, in preference order
 * @param certificateSchemes schemes accepted in certificates (signature_algorithms_cert)
 * @param applicationProtocols ALPN protocols, in preference order; empty for no ALPN
 * @param peerHost the peer's host name as the application gave it (client: SNI and
 *     endpoint identification); empty when unknown
 * @param peerPort the peer's port, or -1
 * @param serverNames client: the server names to send; server: unused
 * @param serverNameExtension client: whether to send server_name at all ({@code jsse.enableSNIExtension});
 *     when true and {@code serverNames} is empty, the peer host is sent when it is a DNS name
 * @param sniMatchers server: the matchers a requested server name must satisfy
 * @param clientAuth server: whether to request a client certificate
 * @param honourServerCipherSuiteOrder server: pick by our order rather than the client's
 * @param middleboxCompatibility send the TLS 1.3 compatibility session id and CCS (RFC 8446 §D.4)
 * @param statusRequest client: ask for the server's stapled OCSP response (status_request, RFC 6066
 *     §8; {@code jdk.tls.client.enableStatusRequestExtension}); server: staple one when a client asks
 *     ({@code jdk.tls.server.enableStatusRequestExtension})
 * @param certificateAuthorities client: name the CAs the trust manager accepts in a TLS 1.3
 *     ClientHello (certificate_authorities, RFC 8446 §4.2.4; {@code jdk.tls.client.enableCAExtension})
 * @param maxHandshakeMessageSize {@code jdk.tls.maxHandshakeMessageSize}
 * @param maxCertificateChainLength the longest chain taken from the peer
 *     ({@code jdk.tls.client/server.maxInboundCertificateChainLength}, {@code jdk.tls.maxCertificateChainLength})
 * @param tls12 the TLS 1.2 switches (extended master secret)
 * @param disabledExtensions {@code jdk.tls.client/server.disableExtensions}: client: left out of
 *     the ClientHello ({@link ClientHellos}); server: ignored in a ClientHello ({@link #received})
 *     and left out of the server's own messages ({@link #sent})
 * @param maxFragmentLength client: the max_fragment_length to ask for (RFC 6066 §4), 512, 1024,
 *     2048 or 4096 bytes, or 0 for none ({@code jsse.enableMFLNExtension} with a maximum
 *     packet size, {@link MaxFragmentLengths#request}); server: unused (it echoes what a client asks)
 * @param sessionCreation whether a full handshake may make a new session
 *     ({@code setEnableSessionCreation}); when not, only a resumed handshake goes on, as with SunJSSE
 */
public record HandshakeConfig(
        boolean client,
        List<Integer> versions,
        List<CipherSuite> cipherSuites,
        List<NamedGroup> groups,
        List<NamedGroup> keyShareGroups,
        List<SignatureScheme> signatureSchemes,
        List<SignatureScheme> certificateSchemes,
        List<String> applicationProtocols,
        Optional<String> peerHost,
        int peerPort,
        List<SNIServerName> serverNames,
        boolean serverNameExtension,
        List<SNIMatcher> sniMatchers,
        ClientAuth clientAuth,
        boolean honourServerCipherSuiteOrder,
        boolean middleboxCompatibility,
        boolean statusRequest,
        boolean certificateAuthorities,
        int maxHandshakeMessageSize,
        int maxCertificateChainLength,
        Tls12Options tls12,
        Set<ExtensionType> disabledExtensions,
        int maxFragmentLength,
        boolean sessionCreation) {

    public static final int TLS13 = 0x0304;
    public static final int TLS12 = 0x0303;

    public HandshakeConfig {
        versions = List.copyOf(versions);
        cipherSuites = List.copyOf(cipherSuites);
        groups = List.copyOf(groups);
        keyShareGroups = List.copyOf(keyShareGroups);
        signatureSchemes = List.copyOf(signatureSchemes);
        certificateSchemes = List.copyOf(certificateSchemes);
        applicationProtocols = List.copyOf(applicationProtocols);
        serverNames = List.copyOf(serverNames);
        sniMatchers = List.copyOf(sniMatchers);
        Objects.requireNonNull(tls12, "tls12");
        disabledExtensions = disabledExtensions.isEmpty() ? Set.of() : Set.copyOf(disabledExtensions);
        if (maxFragmentLength != 0 && MaxFragmentLength.ofBytes(maxFragmentLength).isEmpty()) {
            throw new IllegalArgumentException("max_fragment_length must be 0, 512, 1024, 2048 or 4096: " + maxFragmentLength);
        }
        if (!groups.containsAll(keyShareGroups)) {
            throw new IllegalArgumentException("key share groups " + keyShareGroups + " must be among " + groups);
        }
    }

    /** A configuration with SunJSSE's default TLS 1.2 switches ({@link Tls12Options#DEFAULT}), asking for no OCSP staple. */
    public HandshakeConfig(boolean client, List<Integer> versions, List<CipherSuite> cipherSuites, List<NamedGroup> groups,
            List<NamedGroup> keyShareGroups, List<SignatureScheme> signatureSchemes,
            List<SignatureScheme> certificateSchemes, List<String> applicationProtocols, Optional<String> peerHost,
            int peerPort, List<SNIServerName> serverNames, List<SNIMatcher> sniMatchers, ClientAuth clientAuth,
            boolean honourServerCipherSuiteOrder, boolean middleboxCompatibility, int maxHandshakeMessageSize,
            int maxCertificateChainLength) {
        this(client, versions, cipherSuites, groups, keyShareGroups, signatureSchemes, certificateSchemes,
                applicationProtocols, peerHost, peerPort, serverNames, true, sniMatchers, clientAuth,
                honourServerCipherSuiteOrder, middleboxCompatibility, false, false, maxHandshakeMessageSize,
                maxCertificateChainLength, Tls12Options.DEFAULT, Set.of(), 0, true);
    }

    /** This configuration for a connection that may only resume ({@code setEnableSessionCreation(false)}). */
    public HandshakeConfig withoutSessionCreation() {
        return new HandshakeConfig(client, versions, cipherSuites, groups, keyShareGroups, signatureSchemes,
                certificateSchemes, applicationProtocols, peerHost, peerPort, serverNames, serverNameExtension, sniMatchers,
                clientAuth, honourServerCipherSuiteOrder, middleboxCompatibility, statusRequest, certificateAuthorities,
                maxHandshakeMessageSize, maxCertificateChainLength, tls12, disabledExtensions, maxFragmentLength, false);
    }

    /**
     * Fails with handshake_failure and {@code message} unless a new session may be made: for the
     * points where a handshake turns out not to resume (SunJSSE's messages say which).
     */
    public void requireSessionCreation(String message) {
        if (!sessionCreation) {
            throw TlsAlert.handshakeFailure(message);
        }
    }

    /**
     * Whether {@code jdk.tls.client/server.disableExtensions} names {@code type} for this side.
     */
    public boolean disables(ExtensionType type) {
        return !disabledExtensions.isEmpty() && disabledExtensions.contains(type);
    }

    /**
     * A received ClientHello as a server with disabled extensions sees it: without them, as if the
     * client had not sent them (SunJSSE's servers do not consume them). Its bytes, and so the
     * transcript and any PSK binder, stay as received.
     */
    public ClientHello received(ClientHello hello) {
        if (disabledExtensions.isEmpty()) {
            return hello;
        }
        Extensions e = hello.extensions();
        for (ExtensionType t : disabledExtensions) {
            e = e.without(t);
        }
        return e == hello.extensions() ? hello : hello.withExtensions(e);
    }

    /** {@code extensions} without those this side has disabled, for a message this side sends. */
    public List<Extension> sent(List<Extension> extensions) {
        if (disabledExtensions.isEmpty()) {
            return extensions;
        }
        List<Extension> out = new ArrayList<>(extensions);
        out.removeIf(x -> ExtensionType.of(x.code()).filter(disabledExtensions::contains).isPresent());
        return out;
    }

    /** Whether one of the cipher suites is a TLS 1.2 one. */
    public boolean hasTls12Suite() {
        for (int i = 0; i < cipherSuites.size(); i++) {
            if (!cipherSuites.get(i).isTls13()) {
                return true;
            }
        }
        return false;
    }

    public boolean enables(int version) {
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i) == version) { // unboxes: no Integer made per call
                return true;
            }
        }
        return false;
    }
}
