package dev.bastion.tls.message;

import java.util.Objects;

/**
 * What {@link MessageDecoder} needs to know to decode a message body: which side we are, the
 * negotiated version, the TLS 1.2 key exchange (for ServerKeyExchange/ClientKeyExchange) and
 * the Finished length (the hash length in TLS 1.3, RFC 8446 §4.4.4; 12 in TLS 1.2, RFC 5246
 * §7.4.9).
 *
 * @param local          the side that receives the message
 * @param version        the version in force
 * @param keyExchange    the TLS 1.2 key exchange; {@link KeyExchangeKind#NONE} otherwise
 * @param finishedLength verify_data length; 0 when Finished cannot arrive yet
 */
public record DecodeContext(Side local, NegotiatedVersion version, KeyExchangeKind keyExchange, int finishedLength) {
    /** TLS 1.2 verify_data length (RFC 5246 §7.4.9). */
    public static final int TLS12_FINISHED_LENGTH = 12;

    public DecodeContext {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(keyExchange, "keyExchange");
        if (version == NegotiatedVersion.TLS12 && keyExchange == KeyExchangeKind.NONE) {
            throw new IllegalArgumentException("a TLS 1.2 context needs the key exchange");
        }
        if (version != NegotiatedVersion.UNKNOWN && (finishedLength < 12 || finishedLength > 64)) {
            throw new IllegalArgumentException("finished length must be 12..64: " + finishedLength);
        }
    }

    /** Before the version is known: only the hellos can be decoded. */
    public static DecodeContext hello(Side local) {
        return new DecodeContext(local, NegotiatedVersion.UNKNOWN, KeyExchangeKind.NONE, 0);
    }

    /** TLS 1.3, with the hash length of the negotiated suite (32 or 48). */
    public static DecodeContext tls13(Side local, int hashLength) {
        return new DecodeContext(local, NegotiatedVersion.TLS13, KeyExchangeKind.NONE, hashLength);
    }

    /** TLS 1.2 with the key exchange of the negotiated suite. */
    public static DecodeContext tls12(Side local, KeyExchangeKind keyExchange) {
        return new DecodeContext(local, NegotiatedVersion.TLS12, keyExchange, TLS12_FINISHED_LENGTH);
    }

    /** The side that sent the message. */
    public Side sender() {
        return local.peer();
    }
}
