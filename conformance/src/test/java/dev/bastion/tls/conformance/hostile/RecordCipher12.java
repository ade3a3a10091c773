package dev.bastion.tls.conformance.hostile;

import dev.bastion.tls.crypto.Aead;
import dev.bastion.tls.crypto.AeadAlgorithm;
import dev.bastion.tls.crypto.TrafficKeys;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * TLS 1.2 AEAD record protection of one direction (RFC 5246 §6.2.3.3), written by hand over
 * Bastion's AEAD primitive only. AES-GCM (RFC 5288 §3): nonce = 4-byte salt || 8-byte
 * explicit nonce, the explicit part sent in front of the ciphertext (this peer uses the sequence
 * number, or {@link #explicitNonce} when a scenario sets one). ChaCha20-Poly1305 (RFC 7905 §2):
 * nonce = IV XOR the sequence number, nothing explicit. AAD = seq_num || type || version ||
 * plaintext length.
 */
final class RecordCipher12 implements Protection {
    private static final int TAG = 16;
    private static final int EXPLICIT = 8;

    private final Aead aead;
    private final byte[] iv;
    private final boolean gcm;
    private long seq;
    /** When not null, the explicit nonce sent in the next sealed record (AES-GCM), whatever the real one. */
    byte[] explicitNonce;

    RecordCipher12(TrafficKeys keys) {
        this.aead = keys.aead().newAead(keys.key());
        this.iv = keys.iv().clone();
        this.gcm = keys.aead() != AeadAlgorithm.CHACHA20_POLY1305;
    }

    @Override
    public byte[] seal(int type, byte[] content) {
        return seal(type, Tls.TLS12, content);
    }

    /** A protected record with this outer version. */
    byte[] seal(int type, int version, byte[] content) {
        byte[] explicit = gcm ? u64(seq) : new byte[0];
        byte[] nonce = nonce(seq, explicit);
        byte[] aad = aad(seq++, type, version, content.length);
        int length = explicit.length + content.length + TAG;
        ByteBuffer out = ByteBuffer.allocate(5 + length);
        out.put(new Bytes().u8(type).u16(version).u16(length).toArray());
        out.put(explicitNonce != null && gcm ? explicitNonce : explicit);
        explicitNonce = null;
        aead.seal(nonce, aad, aad.length, ByteBuffer.wrap(content), out);
        return out.array();
    }

    @Override
    public Optional<Rec> open(Rec record) {
        byte[] f = record.fragment();
        int skip = gcm ? EXPLICIT : 0;
        if (f.length < skip + TAG) {
            return Optional.empty();
        }
        byte[] nonce = nonce(seq, Arrays.copyOf(f, skip));
        byte[] aad = aad(seq, record.type(), record.version(), f.length - skip - TAG);
        ByteBuffer out = ByteBuffer.allocate(f.length - skip - TAG);
        try {
            aead.open(nonce, aad, aad.length, ByteBuffer.wrap(f, skip, f.length - skip), out);
        } catch (RuntimeException notThisKey) {
            return Optional.empty();
        }
        seq++;
        return Optional.of(new Rec(record.type(), record.version(), out.array()));
    }

    void setSequence(long s) {
        seq = s;
    }

    private byte[] nonce(long s, byte[] explicit) {
        if (gcm) {
            return Bytes.concat(iv, explicit);
        }
        byte[] n = iv.clone();
        for (int i = 0; i < 8; i++) {
            n[n.length - 1 - i] ^= (byte) (s >>> (8 * i));
        }
        return n;
    }

    private static byte[] aad(long s, int type, int version, int length) {
        return new Bytes().raw(u64(s)).u8(type).u16(version).u16(length).toArray();
    }

    private static byte[] u64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }
}
