package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.Opaque;
import java.util.Objects;

/**
 * ClientKeyExchange in TLS 1.2; its one field depends on the key exchange:
 * ECDHE {@code opaque point<1..2^8-1>} (RFC 8422 §5.7), DHE {@code opaque dh_Yc<1..2^16-1>}
 * (RFC 5246 §7.4.7.2), RSA {@code EncryptedPreMasterSecret}, an {@code opaque<0..2^16-1>}
 * (RFC 5246 §7.4.7.1). Any RSA decryption failure is the key exchange's to hide.
 *
 * @param encoding the exact bytes received, header included; {@code null} for one built locally
 */
public record ClientKeyExchange(KeyExchangeKind kind, Opaque exchangeKeys, byte[] encoding)
        implements HandshakeMessage {

    public ClientKeyExchange {
        Objects.requireNonNull(kind, "kind");
        switch (kind) {
            case ECDHE -> Checks.length(exchangeKeys, 1, 0xFF, "point");
            case DHE -> Checks.length(exchangeKeys, 1, 0xFFFF, "dh_Yc");
            case RSA -> Checks.length(exchangeKeys, 0, 0xFFFF, "EncryptedPreMasterSecret");
            default -> throw new IllegalArgumentException("no ClientKeyExchange for key exchange " + kind);
        }
        encoding = Received.copy(encoding);
    }

    public ClientKeyExchange(KeyExchangeKind kind, Opaque exchangeKeys) {
        this(kind, exchangeKeys, null);
    }

    /** Decodes a body for the negotiated key exchange (ECDHE, DHE or RSA). */
    public static ClientKeyExchange decode(Reader body, KeyExchangeKind kind) {
        Reader r = body.named("ClientKeyExchange");
        int start = r.position();
        Opaque keys = switch (kind) {
            case ECDHE -> Opaque.read8(r, 1, 0xFF, "point");
            case DHE -> Opaque.read16(r, 1, 0xFFFF, "dh_Yc");
            case RSA -> Opaque.read16(r, 0, 0xFFFF, "EncryptedPreMasterSecret");
            default -> throw new IllegalArgumentException("no ClientKeyExchange for key exchange " + kind);
        };
        r.end("body");
        return new ClientKeyExchange(kind, keys, Received.encoding(HandshakeType.CLIENT_KEY_EXCHANGE, r, start));
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_KEY_EXCHANGE;
    }

    @Override
    public void encode(Writer out) {
        if (kind == KeyExchangeKind.ECDHE) {
            exchangeKeys.write8(out);
        } else {
            exchangeKeys.write16(out);
        }
    }

    @Override
    public byte[] encoding() {
        return Received.or(encoding, this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientKeyExchange c && kind == c.kind && exchangeKeys.equals(c.exchangeKeys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, exchangeKeys);
    }

    @Override
    public String toString() {
        return "ClientKeyExchange{" + kind + ": " + exchangeKeys + "}";
    }
}
