package dev.bastion.tls.conformance.cli;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

/**
 * One direction of a TLS connection read from raw bytes until its first record that is not a
 * handshake record (RFC 8446 §5.1, RFC 5246 §6.2.1): records are reassembled, handshake
 * messages cut out (type, uint24 length, body) and handed on. Malformed input ends the reading
 * quietly; nothing here throws.
 */
final class ClearRecords {
    private static final int MAX_BUFFERED = 1 << 17;

    private final BiConsumer<Integer, ByteBuffer> sink;
    private final IntConsumer end;
    private final ByteArrayOutputStream records = new ByteArrayOutputStream();
    private final ByteArrayOutputStream handshake = new ByteArrayOutputStream();
    private boolean done;

    /**
     * @param sink gets each handshake message: its type and its body
     * @param end  gets the content type of the first other record (20 change_cipher_spec, 21
     *             alert, 23 application_data), after which nothing more is read
     */
    ClearRecords(BiConsumer<Integer, ByteBuffer> sink, IntConsumer end) {
        this.sink = sink;
        this.end = end;
    }

    void feed(byte[] b, int off, int len) {
        if (done) {
            return;
        }
        records.write(b, off, len);
        try {
            readRecords();
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            done = true; // not what a TLS peer sends in the clear; stop looking
        }
        if (records.size() > MAX_BUFFERED || handshake.size() > MAX_BUFFERED) {
            done = true;
        }
    }

    private void readRecords() {
        ByteBuffer all = ByteBuffer.wrap(records.toByteArray());
        while (!done && all.remaining() >= 5) {
            int type = all.get(all.position()) & 0xFF;
            int length = all.getShort(all.position() + 3) & 0xFFFF;
            if (all.remaining() < 5 + length) {
                break;
            }
            all.position(all.position() + 5);
            ByteBuffer fragment = HelloSniffer.slice(all, length);
            if (type == 22) {
                handshake.write(fragment.array(), fragment.arrayOffset() + fragment.position(), length);
                readMessages();
            } else {
                done = true;
                end.accept(type);
            }
        }
        records.reset();
        records.write(all.array(), all.position(), all.remaining());
    }

    private void readMessages() {
        ByteBuffer hs = ByteBuffer.wrap(handshake.toByteArray());
        while (hs.remaining() >= 4) {
            int type = hs.get(hs.position()) & 0xFF;
            int length = hs.getInt(hs.position()) & 0xFFFFFF;
            if (hs.remaining() < 4 + length) {
                break;
            }
            hs.position(hs.position() + 4);
            sink.accept(type, HelloSniffer.slice(hs, length));
        }
        handshake.reset();
        handshake.write(hs.array(), hs.position(), hs.remaining());
    }
}
