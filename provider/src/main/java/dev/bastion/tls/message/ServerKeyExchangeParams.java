package dev.bastion.tls.message;

import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.Opaque;

/**
 * The key exchange parameters of a TLS 1.2 ServerKeyExchange, the part the server signs
 * together with both randoms: {@link EcdheParams} (RFC 8422 §5.4) or {@link DheParams}
 * (RFC 5246 §7.4.3).
 */
public sealed interface ServerKeyExchangeParams permits EcdheParams, DheParams {
    KeyExchangeKind kind();

    /** Writes the params structure. */
    void encode(Writer out);

    /** The params structure's bytes. */
    default Opaque encoded() {
        Writer w = new Writer();
        encode(w);
        return Opaque.of(w.toByteArray());
    }
}
