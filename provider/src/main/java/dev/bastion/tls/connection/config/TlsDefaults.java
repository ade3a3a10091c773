package dev.bastion.tls.connection.config;

import static dev.bastion.tls.crypto.CipherSuite.*;
import static dev.bastion.tls.crypto.SignatureScheme.*;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import java.util.List;

/**
 * Bastion's defaults where no property says otherwise: SunJSSE 17's preference orders for the
 * algorithms Bastion implements, and the named groups of issue 3 (hybrid post-quantum first).
 */
public final class TlsDefaults {
    /** Cipher suites, most preferred first (SunJSSE 17's order). */
    public static final List<CipherSuite> CIPHER_SUITES = List.of(
            TLS_AES_256_GCM_SHA384, TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256,
            TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
            TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
            TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
            TLS_RSA_WITH_AES_256_GCM_SHA384, TLS_RSA_WITH_AES_128_GCM_SHA256);

    /** The signalling suite value that SunJSSE lists among its suites (RFC 5746 §3.3); accepted, never a real suite. */
    public static final String RENEGOTIATION_SCSV = "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";

    /** Named groups for supported_groups, most preferred first. */
    public static final List<NamedGroup> GROUPS = List.of(
            NamedGroup.X25519MLKEM768, NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1,
            NamedGroup.SECP521R1, NamedGroup.X448, NamedGroup.FFDHE2048, NamedGroup.FFDHE3072, NamedGroup.FFDHE4096,
            NamedGroup.FFDHE6144, NamedGroup.FFDHE8192);

    /** Signature schemes, most preferred first (SunJSSE 17's order); the SHA-1 ones only for certificates. */
    public static final List<SignatureScheme> SIGNATURE_SCHEMES = List.of(
            ECDSA_SECP256R1_SHA256, ECDSA_SECP384R1_SHA384, ECDSA_SECP521R1_SHA512, ED25519, ED448,
            RSA_PSS_RSAE_SHA256, RSA_PSS_RSAE_SHA384, RSA_PSS_RSAE_SHA512,
            RSA_PSS_PSS_SHA256, RSA_PSS_PSS_SHA384, RSA_PSS_PSS_SHA512,
            RSA_PKCS1_SHA256, RSA_PKCS1_SHA384, RSA_PKCS1_SHA512, ECDSA_SHA1, RSA_PKCS1_SHA1);

    /** {@code jdk.tls.maxHandshakeMessageSize} default (SunJSSE's). */
    public static final int MAX_HANDSHAKE_MESSAGE_SIZE = 32768;

    /** The longest server chain a client takes by default ({@code jdk.tls.client.maxInboundCertificateChainLength}). */
    public static final int MAX_SERVER_CHAIN_LENGTH = 10;

    /**
     * The longest client chain a server takes by default: 8 from Java 22 on, where SunJSSE has
     * {@code jdk.tls.server.maxInboundCertificateChainLength} (JDK-8311596), 10 before, where its
     * one limit served both sides (OpenJDK 17.0.15 has no per-side properties).
     */
    public static final int MAX_CLIENT_CHAIN_LENGTH = Runtime.version().feature() >= 22 ? 8 : 10;

    private TlsDefaults() {
    }

    /**
     * The groups a client sends key shares for up front: the most preferred group, and when that
     * is a hybrid the next classical group too, so that a server without post-quantum support
     * needs no HelloRetryRequest. The default list gives X25519MLKEM768 + x25519.
     */
    public static List<NamedGroup> keyShareGroups(List<NamedGroup> groups) {
        if (groups.isEmpty()) {
            return List.of();
        }
        NamedGroup first = groups.get(0);
        if (first.family() != NamedGroup.Family.HYBRID) {
            return List.of(first);
        }
        for (NamedGroup g : groups) {
            if (g.family() != NamedGroup.Family.HYBRID) {
                return List.of(first, g);
            }
        }
        return List.of(first);
    }
}
