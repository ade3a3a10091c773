package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.Codes;
import dev.bastion.tls.message.ext.Opaque;
import java.util.Arrays;
import java.util.Objects;

/**
 * ServerKeyExchange for ECDHE (RFC 8422 §5.4) and DHE (RFC 5246 §7.4.3) in TLS 1.2: the params,
 * then a digitally-signed struct {@code SignatureAndHashAlgorithm algorithm; opaque
 * signature<0..2^16-1>}. The signature covers client_random + server_random + params;
 * {@link #signedParams()} gives the params bytes exactly as received.
 *
 * @param encoding the exact bytes received, header included; {@code null} for one built locally
 */
public record ServerKeyExchange(ServerKeyExchangeParams params, int signatureScheme, Opaque signature,
        byte[] encoding) implements HandshakeMessage {

    public ServerKeyExchange {
        Objects.requireNonNull(params, "params");
        Checks.u16(signatureScheme, "algorithm");
        Checks.length(signature, 0, 0xFFFF, "signature");
        encoding = Received.copy(encoding);
    }

    public ServerKeyExchange(ServerKeyExchangeParams params, int signatureScheme, Opaque signature) {
        this(params, signatureScheme, signature, null);
    }

    /**
     * Decodes a body for the negotiated key exchange, which must be ECDHE or DHE (RSA key
     * transport has no ServerKeyExchange; {@link MessageDecoder} rejects it before).
     */
    public static ServerKeyExchange decode(Reader body, KeyExchangeKind kind) {
        if (kind != KeyExchangeKind.ECDHE && kind != KeyExchangeKind.DHE) {
            throw new IllegalArgumentException("no ServerKeyExchange for key exchange " + kind);
        }
        Reader r = body.named("ServerKeyExchange");
        int start = r.position();
        ServerKeyExchangeParams params = kind == KeyExchangeKind.ECDHE ? EcdheParams.decode(r) : DheParams.decode(r);
        int scheme = r.u16("algorithm");
        Opaque signature = Opaque.read16(r, 0, 0xFFFF, "signature");
        r.end("body");
        return new ServerKeyExchange(params, scheme, signature,
                Received.encoding(HandshakeType.SERVER_KEY_EXCHANGE, r, start));
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_KEY_EXCHANGE;
    }

    @Override
    public void encode(Writer out) {
        params.encode(out);
        out.u16(signatureScheme);
        signature.write16(out);
    }

    @Override
    public byte[] encoding() {
        return Received.or(encoding, this);
    }

    /** The signed params bytes: as received for a decoded message (they follow the 4-byte header). */
    public Opaque signedParams() {
        int n = params.encoded().length();
        return Opaque.of(Arrays.copyOfRange(encoding(), 4, 4 + n));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerKeyExchange s && params.equals(s.params) && signatureScheme == s.signatureScheme
                && signature.equals(s.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(params, signatureScheme, signature);
    }

    @Override
    public String toString() {
        return "ServerKeyExchange{params=" + params + ", algorithm=" + Codes.scheme(signatureScheme)
                + ", signature=" + signature + "}";
    }
}
