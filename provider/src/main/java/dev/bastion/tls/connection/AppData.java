package dev.bastion.tls.connection;

import dev.bastion.tls.record.ContentType;
import dev.bastion.tls.record.RecordWriter;
import java.nio.ByteBuffer;

/**
 * Moves application data between the caller's buffers and one record, without allocating:
 * gathers several sources into the record's content area and seals it there; scatters one
 * opened record's content over several destinations.
 */
final class AppData {
    private AppData() {
    }

    /** Total remaining bytes of {@code buffers[offset..offset+length)}. */
    static long remaining(ByteBuffer[] buffers, int offset, int length) {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += buffers[i].remaining();
        }
        return n;
    }

    /**
     * Seals up to one full record of the sources' bytes into {@code dst}.
     *
     * @return bytes consumed; 0 if the sources are empty; -1 if {@code dst} lacks room
     */
    static int seal(RecordWriter writer, ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) {
        int n = (int) Math.min(remaining(srcs, offset, length), writer.maxFragmentLength());
        if (n == 0) {
            return 0;
        }
        if (dst.remaining() < writer.protection().sealedSize(n)) {
            return -1;
        }
        ByteBuffer single = firstNonEmpty(srcs, offset, length);
        if (single != null && single.remaining() >= n) {
            writer.writeRecord(ContentType.APPLICATION_DATA, single, dst);
            return writer.bytesConsumed();
        }
        int at = dst.position() + writer.contentOffset();
        int copied = 0;
        for (int i = offset; i < offset + length && copied < n; i++) {
            ByteBuffer s = srcs[i];
            int take = Math.min(s.remaining(), n - copied);
            dst.put(at + copied, s, s.position(), take);
            s.position(s.position() + take);
            copied += take;
        }
        writer.writeStaged(ContentType.APPLICATION_DATA, n, dst);
        return n;
    }

    /** Copies all of {@code content} into the destinations in order (the caller checked the room). */
    static void scatter(ByteBuffer content, ByteBuffer[] dsts, int offset, int length) {
        for (int i = offset; i < offset + length && content.hasRemaining(); i++) {
            ByteBuffer d = dsts[i];
            int take = Math.min(d.remaining(), content.remaining());
            int limit = content.limit();
            content.limit(content.position() + take);
            d.put(content);
            content.limit(limit);
        }
    }

    /** The first buffer with bytes remaining; the last one when all are empty; null when there are none. */
    static ByteBuffer firstNonEmpty(ByteBuffer[] buffers, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (buffers[i].hasRemaining()) {
                return buffers[i];
            }
        }
        return length == 0 ? null : buffers[offset + length - 1];
    }
}
