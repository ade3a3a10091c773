package dev.bastion.tls.record;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.Aead;
import dev.bastion.tls.crypto.AeadAlgorithm;
import dev.bastion.tls.crypto.TrafficKeys;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * TLS 1.2 AEAD record protection (RFC 5246 §6.2.3.3) for one direction and one key.
 *
 * <ul>
 * <li>AES-GCM (RFC 5288 §3): nonce = 4-byte salt (the {@code iv} of the traffic keys) ||
 *     8-byte explicit nonce, which travels at the start of each record's fragment. Bastion
 *     sends its sequence number as the explicit nonce, so a nonce never repeats under a key;
 *     on receipt any explicit nonce the peer chose is used as sent.</li>
 * <li>ChaCha20-Poly1305 (RFC 7905 §2): nonce = 12-byte IV XOR the left-padded sequence number;
 *     no explicit nonce.</li>
 * <li>AAD = seq_num(8) || type(1) || version(2) || plaintext length(2) (RFC 5246 §6.2.3.3),
 *     with the version as it appears in the record header.</li>
 * </ul>
 *
 * <p>Receiving: TLSCiphertext.length over 2^14 + 2048 is {@code record_overflow}
 * (RFC 5246 §6.2.3), and so is a fragment whose plaintext would exceed 2^14 (§6.2.1, checked
 * before decrypting); a fragment shorter than explicit nonce plus tag cannot authenticate and
 * is {@code bad_record_mac}, as in OpenSSL.
 *
 * <p>Sealing reads the content straight from the caller's buffer; no copy, no view.
 */
public final class Tls12AeadProtection implements Protection {
    private static final int TAG = AeadAlgorithm.TAG_LENGTH;
    private static final int HEADER = RecordLimits.HEADER_LENGTH;
    private static final int EXPLICIT_NONCE = 8;
    private static final int AAD_LENGTH = 13;

    private final AeadAlgorithm algorithm;
    private final Aead aead;
    private final boolean explicitNonce;
    private final byte[] iv;
    private final byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private final byte[] aad = new byte[AAD_LENGTH];
    private final SequenceNumber seq = new SequenceNumber();
    private boolean closed;

    /**
     * Protection with these keys: a 4-byte salt for AES-GCM, a 12-byte IV for
     * ChaCha20-Poly1305. The keys are copied; the caller may destroy them.
     */
    public Tls12AeadProtection(TrafficKeys keys) {
        this(keys.aead(), keys.aead().newAead(keys.key()), keys.iv());
    }

    /** For tests that substitute the AEAD. */
    Tls12AeadProtection(AeadAlgorithm algorithm, Aead aead, byte[] iv) {
        boolean gcm = algorithm != AeadAlgorithm.CHACHA20_POLY1305;
        int ivLength = gcm ? 4 : AeadAlgorithm.NONCE_LENGTH;
        if (iv.length != ivLength) {
            aead.close();
            throw new IllegalArgumentException("TLS 1.2 " + algorithm + " needs a " + ivLength + "-byte IV, got " + iv.length);
        }
        this.algorithm = algorithm;
        this.aead = aead;
        this.explicitNonce = gcm;
        this.iv = iv.clone();
    }

    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    /** The sequence number the next record will use (unsigned 64-bit). */
    public long sequenceNumber() {
        return seq.value();
    }

    @Override
    public int sealedSize(int contentLength) {
        return HEADER + overhead() + contentLength;
    }

    @Override
    public int maxPlaintext(int recordLength) {
        return Math.max(0, recordLength - HEADER - overhead());
    }

    @Override
    public int maxFragmentLength(ContentType outerType) {
        return RecordLimits.MAX_TLS12_CIPHERTEXT;
    }

    @Override
    public int contentOffset() {
        return HEADER + (explicitNonce ? EXPLICIT_NONCE : 0);
    }

    @Override
    public boolean acceptsRecordVersion(ContentType outerType, int version) {
        return version == Records.TLS12_VERSION;
    }

    @Override
    public void seal(ContentType type, ByteBuffer src, ByteBuffer dst) {
        requireOpen();
        int n = src.remaining();
        Records.requireContentLength(n);
        int length = overhead() + n;
        Records.requireRoom(dst, HEADER + length, "TLS 1.2 record");
        long s = seq.current();
        int start = dst.position();
        Records.putHeader(dst, start, type, Records.TLS12_VERSION, length);
        fillAad(s, type.code(), Records.TLS12_VERSION, n);
        int body = start + HEADER;
        if (explicitNonce) {
            Records.putLong(dst, body, s);
            gcmNonce(s);
            body += EXPLICIT_NONCE;
        } else {
            Records.xorNonce(iv, s, nonce);
        }
        dst.position(body);
        aead.seal(nonce, aad, AAD_LENGTH, src, dst);
        seq.advance();
    }

    @Override
    public ContentType open(ByteBuffer src, ByteBuffer dst) {
        requireOpen();
        int length = Records.wholeRecordLength(src);
        int start = src.position();
        ContentType type = ContentType.of(src.get(start) & 0xFF);
        if (length > RecordLimits.MAX_TLS12_CIPHERTEXT) {
            throw TlsAlert.recordOverflow("TLSCiphertext of " + length + " bytes exceeds 2^14 + 2048");
        }
        int plain = length - overhead();
        if (plain < 0) {
            throw TlsAlert.badRecordMac(algorithm + " record of " + length + " bytes is shorter than its "
                    + overhead() + " bytes of nonce and tag");
        }
        if (plain > RecordLimits.MAX_PLAINTEXT) {
            throw TlsAlert.recordOverflow("TLS 1.2 record would decrypt to " + plain + " bytes, over 2^14");
        }
        Records.requireRoom(dst, plain, "TLS 1.2 record");
        long s = seq.current();
        fillAad(s, type.code(), Records.u16(src, start + 1), plain);
        int body = start + HEADER;
        if (explicitNonce) {
            System.arraycopy(iv, 0, nonce, 0, 4);
            for (int i = 0; i < EXPLICIT_NONCE; i++) {
                nonce[4 + i] = src.get(body + i);
            }
            body += EXPLICIT_NONCE;
        } else {
            Records.xorNonce(iv, s, nonce);
        }
        decrypt(src, dst, start, body, start + HEADER + length);
        seq.advance();
        return type;
    }

    /** Wipes the key and IV. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            aead.close();
            Arrays.fill(iv, (byte) 0);
            Arrays.fill(nonce, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "Tls12AeadProtection(" + algorithm + ", seq " + Long.toUnsignedString(seq.value()) + ")";
    }

    /** For tests that need to reach the end of the sequence space. */
    void setSequenceNumber(long value) {
        seq.set(value);
    }

    private int overhead() {
        return (explicitNonce ? EXPLICIT_NONCE : 0) + TAG;
    }

    private void decrypt(ByteBuffer src, ByteBuffer dst, int start, int body, int end) {
        int limit = src.limit();
        src.limit(end).position(body);
        try {
            aead.open(nonce, aad, AAD_LENGTH, src, dst);
        } catch (RuntimeException e) {
            src.limit(limit).position(start);
            throw e;
        }
        src.limit(limit);
    }

    private void gcmNonce(long s) {
        System.arraycopy(iv, 0, nonce, 0, 4);
        Records.putLong(nonce, 4, s);
    }

    /** seq_num || type || version || length (RFC 5246 §6.2.3.3). */
    private void fillAad(long s, int type, int version, int length) {
        Records.putLong(aad, 0, s);
        aad[8] = (byte) type;
        aad[9] = (byte) (version >>> 8);
        aad[10] = (byte) version;
        aad[11] = (byte) (length >>> 8);
        aad[12] = (byte) length;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("record protection used after close");
        }
    }
}
