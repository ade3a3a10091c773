package dev.bastion.tls.conformance.hostile;

import dev.bastion.tls.crypto.Aead;
import dev.bastion.tls.crypto.TrafficKeys;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * TLS 1.3 record protection of one direction and key (RFC 8446 §5.2, §5.3), written by hand
 * over Bastion's AEAD primitive only: the hostile peer chooses the inner plaintext freely (an
 * unknown or missing content type, oversize content, padding), the outer header, and the
 * sequence number it uses. Nonce = IV XOR the 64-bit sequence number; AAD = the outer header.
 */
final class RecordCipher implements Protection {
    private static final int TAG = 16;

    private final Aead aead;
    private final byte[] iv;
    private long seq;

    RecordCipher(TrafficKeys keys) {
        this.aead = keys.aead().newAead(keys.key());
        this.iv = keys.iv().clone();
    }

    /** A protected record: content || type || {@code padding} zeros, outer type application_data, version 0x0303. */
    byte[] seal(int innerType, byte[] content, int padding) {
        byte[] inner = Arrays.copyOf(content, content.length + 1 + padding);
        inner[content.length] = (byte) innerType;
        return sealInner(inner, Tls.APPLICATION_DATA, Tls.TLS12);
    }

    @Override
    public byte[] seal(int innerType, byte[] content) {
        return seal(innerType, content, 0);
    }

    /** A protected record around exactly {@code inner} (TLSInnerPlaintext chosen by the caller). */
    byte[] sealInner(byte[] inner, int outerType, int version) {
        int length = inner.length + TAG;
        byte[] header = new Bytes().u8(outerType).u16(version).u16(length).toArray();
        ByteBuffer out = ByteBuffer.allocate(header.length + length);
        out.put(header);
        aead.seal(nonce(seq++), header, header.length, ByteBuffer.wrap(inner), out);
        return out.array();
    }

    /**
     * Opens a record sent by the victim: its real type and content, or empty when it does not
     * authenticate under this key (then the sequence number is unchanged).
     */
    @Override
    public Optional<Rec> open(Rec record) {
        byte[] header = new Bytes().u8(record.type()).u16(record.version()).u16(record.fragment().length).toArray();
        if (record.fragment().length < TAG) {
            return Optional.empty();
        }
        ByteBuffer out = ByteBuffer.allocate(record.fragment().length - TAG);
        try {
            aead.open(nonce(seq), header, header.length, ByteBuffer.wrap(record.fragment()), out);
        } catch (RuntimeException notThisKey) {
            return Optional.empty();
        }
        seq++;
        byte[] inner = out.array();
        int i = inner.length - 1;
        while (i >= 0 && inner[i] == 0) {
            i--;
        }
        if (i < 0) {
            throw new IllegalStateException("the victim sent a record whose inner plaintext is all zeros");
        }
        return Optional.of(new Rec(inner[i] & 0xFF, record.version(), Arrays.copyOf(inner, i)));
    }

    /** Skips sequence numbers (a record "lost" or replayed by the hostile peer). */
    void setSequence(long s) {
        seq = s;
    }

    private byte[] nonce(long s) {
        byte[] n = iv.clone();
        for (int i = 0; i < 8; i++) {
            n[n.length - 1 - i] ^= (byte) (s >>> (8 * i));
        }
        return n;
    }
}
