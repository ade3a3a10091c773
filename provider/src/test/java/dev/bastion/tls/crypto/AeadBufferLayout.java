package dev.bastion.tls.crypto;

import java.nio.ByteBuffer;

/**
 * The ways record protection hands buffers to an {@link Aead}: heap or direct, separate
 * or in place (output at the input's position, or before it as when a TLS 1.2 explicit
 * nonce is stripped), mixed kinds, and a read-only heap source (no accessible array).
 * Buffers start at an odd position inside a larger allocation, and heap views are slices
 * with a non-zero array offset, so offset arithmetic is exercised too.
 */
enum AeadBufferLayout {
    HEAP(false, false, false, -1),
    DIRECT(true, true, false, -1),
    HEAP_TO_DIRECT(false, true, false, -1),
    DIRECT_TO_HEAP(true, false, false, -1),
    READ_ONLY_HEAP_SOURCE(false, false, true, -1),
    HEAP_IN_PLACE(false, false, false, 0),
    HEAP_IN_PLACE_SHIFTED(false, false, false, 8),
    DIRECT_IN_PLACE(true, true, false, 0),
    DIRECT_IN_PLACE_SHIFTED(true, true, false, 8);

    /** Where the source starts inside its allocation. */
    static final int START = 13;
    private static final int SLACK = 40;

    private final boolean directSrc;
    private final boolean directDst;
    private final boolean readOnlySrc;
    /** -1: separate buffers; otherwise how many bytes before the source the output starts. */
    private final int inPlaceShift;

    AeadBufferLayout(boolean directSrc, boolean directDst, boolean readOnlySrc, int inPlaceShift) {
        this.directSrc = directSrc;
        this.directDst = directDst;
        this.readOnlySrc = readOnlySrc;
        this.inPlaceShift = inPlaceShift;
    }

    boolean inPlace() {
        return inPlaceShift >= 0;
    }

    /** A source holding {@code input} at its position and a destination at its own position. */
    Pair prepare(byte[] input, int outputLength) {
        int capacity = START + Math.max(input.length, outputLength) + SLACK;
        if (inPlace()) {
            ByteBuffer whole = allocate(directSrc, capacity);
            fillWithCanary(whole);
            whole.put(START, input);
            ByteBuffer src = whole.duplicate();
            src.position(START).limit(START + input.length);
            ByteBuffer dst = whole.duplicate();
            dst.limit(capacity).position(START - inPlaceShift);
            return new Pair(src, dst, true);
        }
        ByteBuffer srcWhole = allocate(directSrc, capacity);
        srcWhole.put(START, input);
        ByteBuffer src = srcWhole.duplicate();
        src.position(START).limit(START + input.length);
        if (readOnlySrc) {
            src = src.asReadOnlyBuffer();
        }
        ByteBuffer dst = allocate(directDst, capacity);
        fillWithCanary(dst);
        dst.position(START + 3);
        return new Pair(src, dst, false);
    }

    /** Bytes that neither the input nor the output occupies must keep this value. */
    private static void fillWithCanary(ByteBuffer b) {
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, (byte) 0x5A);
        }
    }

    private static ByteBuffer allocate(boolean direct, int capacity) {
        if (direct) {
            return ByteBuffer.allocateDirect(capacity);
        }
        // a slice has a non-zero array offset
        return ByteBuffer.allocate(capacity + 7).position(7).slice();
    }

    /** The source and destination of one call, and their starting positions. */
    record Pair(ByteBuffer src, ByteBuffer dst, int srcStart, int srcEnd, int dstStart, boolean shared) {
        Pair(ByteBuffer src, ByteBuffer dst, boolean shared) {
            this(src, dst, src.position(), src.limit(), dst.position(), shared);
        }

        /**
         * True if every destination byte outside the output region {@code [dstStart,
         * dstStart + n)} (and, in place, outside the input too) still holds the canary.
         */
        boolean canaryIntact(int n) {
            int end = shared ? Math.max(srcEnd, dstStart + n) : dstStart + n;
            for (int i = 0; i < dst.capacity(); i++) {
                if ((i < dstStart || i >= end) && dst.get(i) != 0x5A) {
                    return false;
                }
            }
            return true;
        }

        /** {@code n} bytes of the destination from where the output started. */
        byte[] output(int n) {
            byte[] out = new byte[n];
            dst.get(dstStart, out);
            return out;
        }
    }
}
