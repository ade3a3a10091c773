package dev.bastion.tls.record;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.Aead;
import dev.bastion.tls.crypto.AeadAlgorithm;
import dev.bastion.tls.crypto.TrafficKeys;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * TLS 1.3 record protection (RFC 8446 §5.2–§5.4) for one direction and one traffic key.
 *
 * <ul>
 * <li>TLSInnerPlaintext = content || real type || zero padding; the outer record says
 *     application_data, version 0x0303.</li>
 * <li>Nonce = IV XOR the 64-bit sequence number, left-padded (§5.3). AAD = the 5-byte outer
 *     header (§5.2).</li>
 * <li>Opening strips the padding from the end; an all-zero inner plaintext is
 *     {@code unexpected_message} (§5.4), as is a protected change_cipher_spec (§5). An inner
 *     plaintext longer than 2^14 + 1 is {@code record_overflow} (§5.4).</li>
 * <li>change_cipher_spec is never protected in TLS 1.3 (§5, §D.4): {@code seal} writes the
 *     middlebox-compatibility CCS as the plaintext record {@code 14 03 03 00 01 01}, and
 *     {@code open} passes a received plaintext CCS through after checking it is exactly the
 *     byte 0x01 (else {@code unexpected_message}). Whether one is allowed at this point is the
 *     connection's decision. Other unprotected types are {@code unexpected_message}, except
 *     an alert while {@link #acceptPlaintextAlertsUntilFirstRecord} is on.</li>
 * </ul>
 *
 * <p>Sealing copies the content into the destination and encrypts it there in place, because
 * the type byte must be encrypted with it. That needs a second {@code ByteBuffer} object over
 * the destination's storage; the thread's {@link Scratch} keeps one {@code duplicate()} and
 * reuses it while the caller passes the same destination buffer object, so a warm connection
 * allocates nothing. Nonce and additional data live there too: an idle connection holds
 * only its AEAD, IV and sequence number.
 *
 * <p>{@link #sequenceNumber()} and {@link #keyUpdateDue()} let the connection send a
 * KeyUpdate (RFC 8446 §5.5) long before the sequence number runs out, which is
 * {@code internal_error}.
 */
public final class Tls13Protection implements Protection {
    private static final int TAG = AeadAlgorithm.TAG_LENGTH;
    private static final int HEADER = RecordLimits.HEADER_LENGTH;

    private final AeadAlgorithm algorithm;
    private final Aead aead;
    private final byte[] iv;
    private final SequenceNumber seq = new SequenceNumber();
    private final PaddingPolicy padding;
    private final long keyUpdateThreshold;
    private boolean closed;
    private boolean plaintextAlerts;

    /** Protection with these keys and no padding. The keys are copied; the caller may destroy them. */
    public Tls13Protection(TrafficKeys keys) {
        this(keys, PaddingPolicy.NONE);
    }

    /** Protection with these keys, padding outgoing records as {@code padding} says. */
    public Tls13Protection(TrafficKeys keys, PaddingPolicy padding) {
        this(keys.aead(), keys.aead().newAead(keys.key()), keys.iv(), padding);
    }

    /** For tests that substitute the AEAD. */
    Tls13Protection(AeadAlgorithm algorithm, Aead aead, byte[] iv, PaddingPolicy padding) {
        if (iv.length != AeadAlgorithm.NONCE_LENGTH) {
            aead.close();
            throw new IllegalArgumentException("TLS 1.3 needs a 12-byte IV, got " + iv.length);
        }
        this.algorithm = algorithm;
        this.aead = aead;
        this.iv = iv.clone();
        this.padding = padding;
        this.keyUpdateThreshold = RecordLimits.keyUpdateThreshold(algorithm);
    }

    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * Lets {@link #open} pass an unprotected alert record through until the first protected
     * record opens. For a connection's first read key only: a peer that fails before it has
     * handshake keys of its own (a client that cannot use the ServerHello, say) can send its
     * alert only in the clear, while this side already reads protected records (RFC 8446 §6:
     * alerts are "encrypted as specified by the current connection state", which for that peer
     * is none). Once the peer has sent a protected record it has keys, and a plaintext alert is
     * {@code unexpected_message} again.
     */
    public void acceptPlaintextAlertsUntilFirstRecord() {
        plaintextAlerts = true;
    }

    /** The sequence number the next record will use (unsigned 64-bit). */
    public long sequenceNumber() {
        return seq.value();
    }

    /** True once this key has protected as many records as RFC 8446 §5.5 advises; send a KeyUpdate. */
    public boolean keyUpdateDue() {
        return Long.compareUnsigned(seq.value(), keyUpdateThreshold) >= 0 || seq.isExhausted();
    }

    @Override
    public int sealedSize(int contentLength) {
        return HEADER + contentLength + 1 + paddingFor(contentLength) + TAG;
    }

    @Override
    public int maxPlaintext(int recordLength) {
        // a protected record yields at most fragment - tag bytes (content, type, padding are
        // written before the padding is stripped); a plaintext CCS yields its one byte, a
        // plaintext alert (while accepted) its two
        return recordLength <= HEADER ? 0 : Math.max(recordLength - HEADER - TAG, plaintextAlerts ? 2 : 1);
    }

    @Override
    public int maxFragmentLength(ContentType outerType) {
        return outerType == ContentType.APPLICATION_DATA ? RecordLimits.MAX_TLS13_CIPHERTEXT : RecordLimits.MAX_PLAINTEXT;
    }

    @Override
    public int contentOffset() {
        return HEADER;
    }

    @Override
    public boolean acceptsRecordVersion(ContentType outerType, int version) {
        // the plaintext alert of a peer without keys carries the version of its other plaintext
        // records, which for its ClientHello may be 0x0301 (RFC 8446 §5.1); RFC 8446 §5.1 has a
        // TLS 1.3 receiver ignore the field, and OpenSSL and SunJSSE read such an alert
        return version == Records.TLS12_VERSION
                || outerType == ContentType.ALERT && plaintextAlerts && Records.isAnyTlsVersion(version);
    }

    @Override
    public void seal(ContentType type, ByteBuffer src, ByteBuffer dst) {
        requireOpen();
        if (type == ContentType.CHANGE_CIPHER_SPEC) {
            sealCompatibilityCcs(src, dst);
            return;
        }
        int n = src.remaining();
        Records.requireContentLength(n);
        int inner = n + 1 + paddingFor(n);
        int length = inner + TAG;
        Records.requireRoom(dst, HEADER + length, "TLS 1.3 record");
        long s = seq.current();
        int start = dst.position();
        Records.putHeader(dst, start, ContentType.APPLICATION_DATA, Records.TLS12_VERSION, length);
        Scratch scratch = Scratch.get();
        byte[] aad = scratch.aad;
        byte[] nonce = scratch.nonce;
        headerToAad(dst, start, aad);
        Records.xorNonce(iv, s, nonce);
        dst.position(start + HEADER);
        try {
            sealInner(type, src, dst, start, n, inner, scratch);
        } finally {
            scratch.wipeNonce();
        }
        seq.advance();
    }

    private void sealInner(ContentType type, ByteBuffer src, ByteBuffer dst, int start, int n, int inner,
            Scratch scratch) {
        byte[] aad = scratch.aad;
        byte[] nonce = scratch.nonce;
        if (Records.mayShareStorage(src, dst)) {
            // copy next to the type byte, then encrypt in place
            dst.put(src);
            dst.put((byte) type.code());
            for (int i = n + 1; i < inner; i++) {
                dst.put((byte) 0);
            }
            ByteBuffer in = scratch.viewOf(dst);
            in.limit(start + HEADER + inner).position(start + HEADER);
            dst.position(start + HEADER);
            aead.seal(nonce, aad, HEADER, in, dst);
        } else {
            // encrypt straight from the caller's buffer, the type byte and padding as a suffix
            int suffixLength = inner - n;
            byte[] suffix = scratch.suffix(suffixLength);
            suffix[0] = (byte) type.code();
            aead.seal(nonce, aad, HEADER, src, suffix, suffixLength, dst);
        }
    }

    @Override
    public ContentType open(ByteBuffer src, ByteBuffer dst) {
        requireOpen();
        int length = Records.wholeRecordLength(src);
        int start = src.position();
        ContentType outer = ContentType.of(src.get(start) & 0xFF);
        if (outer == ContentType.CHANGE_CIPHER_SPEC) {
            return openCompatibilityCcs(src, dst, length);
        }
        if (outer == ContentType.ALERT && plaintextAlerts) {
            return openPlaintextAlert(src, dst, length);
        }
        if (outer != ContentType.APPLICATION_DATA) {
            throw TlsAlert.unexpectedMessage("unprotected " + outer.rfcName()
                    + " record received after TLS 1.3 keys were installed (RFC 8446 §5)");
        }
        if (length > RecordLimits.MAX_TLS13_CIPHERTEXT) {
            throw TlsAlert.recordOverflow("TLSCiphertext of " + length + " bytes exceeds 2^14 + 256");
        }
        Records.requireRoom(dst, Math.max(0, length - TAG), "TLS 1.3 record");
        long s = seq.current();
        Scratch scratch = Scratch.get();
        headerToAad(src, start, scratch.aad);
        Records.xorNonce(iv, s, scratch.nonce);
        int dstStart = dst.position();
        try {
            decrypt(src, dst, start, length, scratch);
        } finally {
            scratch.wipeNonce();
        }
        seq.advance();
        plaintextAlerts = false;
        return stripPadding(dst, dstStart);
    }

    /** Wipes the key and IV. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            aead.close();
            Arrays.fill(iv, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "Tls13Protection(" + algorithm + ", seq " + Long.toUnsignedString(seq.value()) + ")";
    }

    /** For tests that need to reach the end of the sequence space. */
    void setSequenceNumber(long value) {
        seq.set(value);
    }

    private void decrypt(ByteBuffer src, ByteBuffer dst, int start, int length, Scratch scratch) {
        int limit = src.limit();
        src.limit(start + HEADER + length).position(start + HEADER);
        try {
            aead.open(scratch.nonce, scratch.aad, HEADER, src, dst);
        } catch (RuntimeException e) {
            src.limit(limit).position(start);
            throw e;
        }
        src.limit(limit);
    }

    /** Finds the real type at the end of the inner plaintext (RFC 8446 §5.4). */
    private ContentType stripPadding(ByteBuffer dst, int dstStart) {
        int end = dst.position();
        if (end - dstStart > RecordLimits.MAX_TLS13_INNER_PLAINTEXT) {
            dst.position(dstStart);
            throw TlsAlert.recordOverflow("TLSInnerPlaintext of " + (end - dstStart) + " bytes exceeds 2^14 + 1");
        }
        int i = end - 1;
        while (i >= dstStart && dst.get(i) == 0) {
            i--;
        }
        if (i < dstStart) {
            dst.position(dstStart);
            throw TlsAlert.unexpectedMessage("TLS 1.3 record has no content type: inner plaintext of "
                    + (end - dstStart) + " bytes is all zeros (RFC 8446 §5.4)");
        }
        ContentType type = ContentType.of(dst.get(i) & 0xFF);
        if (type == ContentType.CHANGE_CIPHER_SPEC) {
            dst.position(dstStart);
            throw TlsAlert.unexpectedMessage("protected change_cipher_spec record received (RFC 8446 §5)");
        }
        dst.position(i);
        return type;
    }

    private void sealCompatibilityCcs(ByteBuffer src, ByteBuffer dst) {
        if (src.remaining() != 1 || src.get(src.position()) != 1) {
            throw new IllegalArgumentException("the TLS 1.3 change_cipher_spec record carries exactly the byte 0x01");
        }
        Records.requireRoom(dst, HEADER + 1, "change_cipher_spec record");
        int start = dst.position();
        Records.putHeader(dst, start, ContentType.CHANGE_CIPHER_SPEC, Records.TLS12_VERSION, 1);
        dst.position(start + HEADER);
        dst.put(src);
    }

    private ContentType openCompatibilityCcs(ByteBuffer src, ByteBuffer dst, int length) {
        int start = src.position();
        if (length != 1 || src.get(start + HEADER) != 1) {
            throw TlsAlert.unexpectedMessage("change_cipher_spec record in TLS 1.3 must be the single byte 0x01,"
                    + " got " + length + " byte(s) (RFC 8446 §5)");
        }
        Records.requireRoom(dst, 1, "change_cipher_spec record");
        dst.put((byte) 1);
        src.position(start + HEADER + 1);
        return ContentType.CHANGE_CIPHER_SPEC;
    }

    private ContentType openPlaintextAlert(ByteBuffer src, ByteBuffer dst, int length) {
        if (length != AlertMessage.LENGTH) {
            throw TlsAlert.decodeError("unprotected alert record of " + length
                    + " byte(s); an alert is exactly 2 bytes (RFC 8446 §5.1, §6)");
        }
        Records.requireRoom(dst, AlertMessage.LENGTH, "alert record");
        int start = src.position();
        dst.put(src.get(start + HEADER)).put(src.get(start + HEADER + 1));
        src.position(start + HEADER + AlertMessage.LENGTH);
        return ContentType.ALERT;
    }

    private int paddingFor(int contentLength) {
        int p = padding.paddingFor(contentLength);
        return Math.max(0, Math.min(p, RecordLimits.MAX_PLAINTEXT - contentLength));
    }

    private static void headerToAad(ByteBuffer b, int at, byte[] aad) {
        for (int i = 0; i < HEADER; i++) {
            aad[i] = b.get(at + i);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("record protection used after close");
        }
    }
}
