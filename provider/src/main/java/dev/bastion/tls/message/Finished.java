package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.Opaque;

/**
 * Finished (RFC 8446 §4.4.4, RFC 5246 §7.4.9): {@code opaque verify_data[length]}, where the
 * length is the transcript hash length in TLS 1.3 and 12 in TLS 1.2. A body of another length
 * is decode_error. Comparing verify_data (in constant time) is the handshake's job.
 *
 * @param encoding the exact bytes received, header included; {@code null} for one built locally
 */
public record Finished(Opaque verifyData, byte[] encoding) implements HandshakeMessage {
    public Finished {
        Checks.length(verifyData, 1, 0xFFFF, "verify_data");
        encoding = Received.copy(encoding);
    }

    public Finished(Opaque verifyData) {
        this(verifyData, null);
    }

    /** Decodes a body that must be exactly {@code length} bytes. */
    public static Finished decode(Reader body, int length) {
        if (length < 1) {
            throw new IllegalArgumentException("verify_data length must be positive: " + length);
        }
        Reader r = body.named("Finished");
        int start = r.position();
        if (r.remaining() != length) {
            throw TlsAlert.decodeError("Finished.verify_data: length " + r.remaining() + ", expected " + length);
        }
        Opaque data = Opaque.readFixed(r, length, "verify_data");
        return new Finished(data, Received.encoding(HandshakeType.FINISHED, r, start));
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.FINISHED;
    }

    @Override
    public void encode(Writer out) {
        verifyData.writeTo(out);
    }

    @Override
    public byte[] encoding() {
        return Received.or(encoding, this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Finished f && verifyData.equals(f.verifyData);
    }

    @Override
    public int hashCode() {
        return verifyData.hashCode();
    }

    @Override
    public String toString() {
        return "Finished{verify_data=" + verifyData + "}";
    }
}
