package dev.bastion.tls.record;

import java.nio.ByteBuffer;

/** Small absolute-index helpers shared by the protections. Never changes buffer positions. */
final class Records {
    /** legacy_record_version of every record Bastion protects (RFC 8446 §5.2, RFC 5246). */
    static final int TLS12_VERSION = 0x0303;

    /** Any version a TLS peer may put in a plaintext record's header, 0x0300..0x0304 (RFC 8446 §5.1, RFC 5246 §E.1). */
    static boolean isAnyTlsVersion(int version) {
        return version >= 0x0300 && version <= 0x0304;
    }

    private Records() {
    }

    /**
     * Whether two buffers might view the same memory: the same heap array, or two buffers we
     * cannot see into (direct, read-only). A heap and a direct buffer never do.
     */
    static boolean mayShareStorage(ByteBuffer a, ByteBuffer b) {
        if (a.hasArray() && b.hasArray()) {
            return a.array() == b.array();
        }
        return a.isDirect() == b.isDirect();
    }

    static int u16(ByteBuffer b, int at) {
        return ((b.get(at) & 0xFF) << 8) | (b.get(at + 1) & 0xFF);
    }

    static void putHeader(ByteBuffer dst, int at, ContentType type, int version, int length) {
        dst.put(at, (byte) type.code());
        dst.put(at + 1, (byte) (version >>> 8));
        dst.put(at + 2, (byte) version);
        dst.put(at + 3, (byte) (length >>> 8));
        dst.put(at + 4, (byte) length);
    }

    /** Big-endian {@code value} into {@code out[at, at + 8)}. */
    static void putLong(byte[] out, int at, long value) {
        for (int i = 7; i >= 0; i--) {
            out[at + i] = (byte) value;
            value >>>= 8;
        }
    }

    /** Big-endian {@code value} at absolute index {@code at} of {@code dst}. */
    static void putLong(ByteBuffer dst, int at, long value) {
        for (int i = 7; i >= 0; i--) {
            dst.put(at + i, (byte) value);
            value >>>= 8;
        }
    }

    /** {@code nonce = iv XOR (0^32 || seq)}: RFC 8446 §5.3, RFC 7905 §2. */
    static void xorNonce(byte[] iv, long seq, byte[] nonce) {
        System.arraycopy(iv, 0, nonce, 0, nonce.length);
        for (int i = nonce.length - 1; i >= nonce.length - 8; i--) {
            nonce[i] ^= (byte) seq;
            seq >>>= 8;
        }
    }

    /**
     * The fragment length of the record at {@code src.position()}, after checking the whole
     * record is there. A missing tail is the caller's mistake (it must ask
     * {@link RecordHeader#parse} first), hence IllegalArgumentException.
     */
    static int wholeRecordLength(ByteBuffer src) {
        int have = src.remaining();
        if (have < RecordLimits.HEADER_LENGTH) {
            throw new IllegalArgumentException("no complete record header: " + have + " byte(s)");
        }
        int length = u16(src, src.position() + 3);
        if (have < RecordLimits.HEADER_LENGTH + length) {
            throw new IllegalArgumentException("incomplete record: need " + (RecordLimits.HEADER_LENGTH + length)
                    + " bytes, have " + have);
        }
        return length;
    }

    static void requireRoom(ByteBuffer dst, int needed, String what) {
        if (dst.remaining() < needed) {
            throw new IllegalArgumentException(what + " needs " + needed + " bytes of room, destination has "
                    + dst.remaining());
        }
    }

    static void requireContentLength(int length) {
        if (length > RecordLimits.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("record content of " + length + " bytes exceeds 2^14");
        }
    }
}
