package dev.bastion.tls.crypto;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The key exchange groups Bastion implements, with their IANA code points (TLS Supported
 * Groups registry; RFC 8446 §4.2.7, RFC 8422 §5.1.1, RFC 7919 §2, draft-ietf-tls-ecdhe-mlkem)
 * and the names {@code jdk.tls.namedGroups} uses.
 *
 * <p>Both TLS versions use the same two calls: the initiator (TLS 1.3 client, TLS 1.2
 * ECDHE server) calls {@link #generate} and later {@link KeyShare#agree} with the peer's
 * value; the responder (TLS 1.3 server, TLS 1.2 client) calls {@link #encapsulate} with the
 * peer's value and sends back {@link Encapsulation#publicValue()}. TLS 1.2 DHE with the
 * server's own (p, g) goes through {@link DhParameters} instead.
 */
public enum NamedGroup {
    SECP256R1(0x0017, "secp256r1", Family.ECDHE, 65, 65),
    SECP384R1(0x0018, "secp384r1", Family.ECDHE, 97, 97),
    SECP521R1(0x0019, "secp521r1", Family.ECDHE, 133, 133),
    X25519(0x001D, "x25519", Family.ECDHE, 32, 32),
    X448(0x001E, "x448", Family.ECDHE, 56, 56),
    FFDHE2048(0x0100, "ffdhe2048", Family.FFDHE, 256, 256),
    FFDHE3072(0x0101, "ffdhe3072", Family.FFDHE, 384, 384),
    FFDHE4096(0x0102, "ffdhe4096", Family.FFDHE, 512, 512),
    FFDHE6144(0x0103, "ffdhe6144", Family.FFDHE, 768, 768),
    FFDHE8192(0x0104, "ffdhe8192", Family.FFDHE, 1024, 1024),
    /** ML-KEM-768 + X25519, TLS 1.3 only; shares are ML-KEM part first (draft-ietf-tls-ecdhe-mlkem §3). */
    X25519MLKEM768(0x11EC, "X25519MLKEM768", Family.HYBRID, 1216, 1120);

    /** {@code values()} without a copy per lookup; never written. */
    private static final NamedGroup[] VALUES = values();

    /** The kind of key exchange, which decides where the group may be used. */
    public enum Family {
        /** Elliptic curve Diffie-Hellman (NIST curves, X25519, X448): TLS 1.3 and TLS 1.2 ECDHE. */
        ECDHE,
        /** Finite field Diffie-Hellman (RFC 7919): TLS 1.3 and TLS 1.2 DHE. */
        FFDHE,
        /** Post-quantum hybrid KEM: TLS 1.3 only. */
        HYBRID
    }

    private final int code;
    private final String jsseName;
    private final Family family;
    private final int clientShareLength;
    private final int serverShareLength;
    private volatile GroupKeyExchange exchange;

    NamedGroup(int code, String jsseName, Family family, int clientShareLength, int serverShareLength) {
        this.code = code;
        this.jsseName = jsseName;
        this.family = family;
        this.clientShareLength = clientShareLength;
        this.serverShareLength = serverShareLength;
    }

    /** The IANA code point. */
    public int code() {
        return code;
    }

    /** The name in the TLS registry and in {@code jdk.tls.namedGroups}. */
    public String jsseName() {
        return jsseName;
    }

    public Family family() {
        return family;
    }

    /** True if TLS 1.2 can negotiate this group (ECDHE or DHE suites); hybrids are TLS 1.3 only. */
    public boolean usableInTls12() {
        return family != Family.HYBRID;
    }

    /** Length of the client's (initiator's) {@code key_exchange} value in bytes. */
    public int clientShareLength() {
        return clientShareLength;
    }

    /** Length of the server's (responder's) {@code key_exchange} value in bytes. */
    public int serverShareLength() {
        return serverShareLength;
    }

    /** The RFC 7919 parameters of an FFDHE group; empty for the others. */
    public Optional<DhParameters> dhParameters() {
        return switch (this) {
            case FFDHE2048 -> Optional.of(DhParameters.FFDHE2048);
            case FFDHE3072 -> Optional.of(DhParameters.FFDHE3072);
            case FFDHE4096 -> Optional.of(DhParameters.FFDHE4096);
            case FFDHE6144 -> Optional.of(DhParameters.FFDHE6144);
            case FFDHE8192 -> Optional.of(DhParameters.FFDHE8192);
            default -> Optional.empty();
        };
    }

    /** A fresh ephemeral key pair (TLS 1.3 client share, TLS 1.2 ECDHE server key). */
    public KeyShare generate(SecureRandom random) {
        return exchange().generate(Objects.requireNonNull(random, "random"));
    }

    /**
     * Fresh key shares for {@code groups}, in their order (a TLS 1.3 ClientHello's). When they
     * hold both X25519MLKEM768 and x25519, the hybrid share's X25519 part and the x25519 share
     * are one key pair, as Go's client does and draft-ietf-tls-hybrid-design allows: the server
     * picks at most one of the two shares, so nothing is agreed twice with the key, and the
     * ClientHello costs one X25519 key generation less.
     */
    public static List<KeyShare> generateAll(List<NamedGroup> groups, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        XdhKeyShare x25519 = groups.contains(X25519) && groups.contains(X25519MLKEM768)
                ? (XdhKeyShare) X25519.generate(random) : null;
        List<KeyShare> shares = new ArrayList<>(groups.size());
        for (NamedGroup g : groups) {
            if (x25519 != null && g == X25519) {
                shares.add(x25519);
            } else if (x25519 != null && g == X25519MLKEM768) {
                shares.add(((X25519MlKem768KeyExchange) g.exchange()).generate(random, x25519));
            } else {
                shares.add(g.generate(random));
            }
        }
        return shares;
    }

    /**
     * The responder's step from the peer's {@code key_exchange} value: for Diffie-Hellman
     * groups a fresh key pair and the agreement; for X25519MLKEM768 an ML-KEM encapsulation
     * to the client's key plus an X25519 agreement.
     *
     * @throws dev.bastion.tls.codec.TlsAlert {@code illegal_parameter} if the peer's value is
     *     invalid for the group
     */
    public Encapsulation encapsulate(byte[] peerValue, SecureRandom random) {
        return exchange().encapsulate(Objects.requireNonNull(peerValue, "peerValue"), Objects.requireNonNull(random, "random"));
    }

    public static Optional<NamedGroup> fromCode(int code) {
        for (NamedGroup g : VALUES) {
            if (g.code == code) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /** Looks a group up by its {@code jdk.tls.namedGroups} name, ignoring case. */
    public static Optional<NamedGroup> fromName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (NamedGroup g : VALUES) {
            if (g.jsseName.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return String.format("%s(0x%04x)", jsseName, code);
    }

    /** The implementation, created on first use (curve tables are not built for unused groups). */
    GroupKeyExchange exchange() {
        GroupKeyExchange e = exchange;
        if (e == null) {
            e = switch (family) {
                case ECDHE -> this == X25519 || this == X448 ? new XdhKeyExchange(this) : new EcdhKeyExchange(this);
                case FFDHE -> new FfdheKeyExchange(this, dhParameters().orElseThrow());
                case HYBRID -> new X25519MlKem768KeyExchange();
            };
            exchange = e;
        }
        return e;
    }
}
