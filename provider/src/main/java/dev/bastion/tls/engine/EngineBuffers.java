package dev.bastion.tls.engine;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

/** The argument checks {@code SSLEngine.wrap}/{@code unwrap} specify, before any state changes. */
final class EngineBuffers {
    private EngineBuffers() {
    }

    static void checkWrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) {
        if (srcs == null || dst == null) {
            throw new IllegalArgumentException("source buffers and destination buffer must not be null");
        }
        checkRange(srcs.length, offset, length);
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i] == null) {
                throw new IllegalArgumentException("source buffer[" + i + "] == null");
            }
        }
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
    }

    static void checkUnwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) {
        if (src == null || dsts == null) {
            throw new IllegalArgumentException("source buffer and destination buffers must not be null");
        }
        checkRange(dsts.length, offset, length);
        for (int i = offset; i < offset + length; i++) {
            if (dsts[i] == null) {
                throw new IllegalArgumentException("destination buffer[" + i + "] == null");
            }
            if (dsts[i].isReadOnly()) {
                throw new ReadOnlyBufferException();
            }
        }
    }

    private static void checkRange(int size, int offset, int length) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " for " + size + " buffers");
        }
    }
}
