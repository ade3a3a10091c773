package dev.bastion.tls.handshake.tls12.common;

import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.SignatureAlgorithms;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signature schemes for TLS 1.2 handshake signatures (ServerKeyExchange, CertificateVerify):
 * the peer's list (RFC 5246 §7.4.1.4.1) meets ours. SHA-1 schemes (RFC 9155 deprecates them)
 * are used only when nothing else fits and the configuration holds them, which it does only
 * when the application named them in {@code jdk.tls.*.SignatureSchemes}.
 */
public final class Schemes12 {
    /**
     * RFC 5246 §7.4.1.4.1: a client without signature_algorithms is taken to support
     * {sha1,rsa} and {sha1,ecdsa}.
     */
    static final List<Integer> DEFAULT_PEER_SCHEMES = List.of(SignatureScheme.RSA_PKCS1_SHA1.code(),
            SignatureScheme.ECDSA_SHA1.code());

    private Schemes12() {
    }

    /** Ours, in our order: those TLS 1.2 allows for handshake signatures, then any SHA-1 ones configured. */
    public static List<SignatureScheme> ours(HandshakeConfig config) {
        List<SignatureScheme> out = new ArrayList<>();
        config.signatureSchemes().stream().filter(s -> s.usableForHandshakeSignatures(SignatureScheme.TLS12))
                .forEach(out::add);
        config.signatureSchemes().stream().filter(SignatureScheme::isLegacySha1).forEach(out::add);
        return List.copyOf(out);
    }

    /** The codes of a ClientHello's signature_algorithms, or RFC 5246's default when it has none. */
    public static List<Integer> peerCodes(Extensions clientHello) {
        return clientHello.signatureAlgorithms().map(SignatureAlgorithms::schemes).orElse(DEFAULT_PEER_SCHEMES);
    }

    /**
     * The scheme to sign with {@code key}: the first of the peer's {@code peerCodes} that is one
     * of {@code ours} and fits the key, SHA-1 schemes only when no other fits. An ECDSA key
     * prefers the scheme of its own curve (ecdsa_secp384r1_sha384 for P-384), as SunJSSE and
     * OpenSSL choose, so the hash keeps the key's strength; another hash only when the peer
     * offers none of those (TLS 1.2 allows any, RFC 8422 §5.1.1).
     */
    public static Optional<SignatureScheme> choose(List<Integer> peerCodes, List<SignatureScheme> ours, PublicKey key) {
        List<SignatureScheme> common = common(peerCodes, ours);
        Optional<SignatureScheme> sameCurve = common.stream().filter(s -> !s.isLegacySha1())
                .filter(s -> s.matches(key, SignatureScheme.TLS13)).findFirst();
        if (sameCurve.isPresent()) {
            return sameCurve;
        }
        Optional<SignatureScheme> modern = common.stream().filter(s -> !s.isLegacySha1())
                .filter(s -> s.matches(key, SignatureScheme.TLS12)).findFirst();
        if (modern.isPresent()) {
            return modern;
        }
        return common.stream().filter(s -> s.matches(key, SignatureScheme.TLS12)).findFirst();
    }

    /** The schemes of {@code ours} the peer listed, in the peer's order. */
    public static List<SignatureScheme> common(List<Integer> peerCodes, List<SignatureScheme> ours) {
        List<SignatureScheme> out = new ArrayList<>();
        for (int code : peerCodes) {
            for (SignatureScheme s : ours) {
                if (s.code() == code && !out.contains(s)) {
                    out.add(s);
                }
            }
        }
        return List.copyOf(out);
    }
}
