package dev.bastion.tls.connection;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.record.AlertMessage;
import dev.bastion.tls.record.ContentType;
import dev.bastion.tls.record.NullProtection;
import dev.bastion.tls.record.Protection;
import dev.bastion.tls.record.RecordWriter;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The write side of the {@link Connection}: the {@link RecordWriter} and the records waiting
 * to be written, in order, with the write-key changes between them: a message
 * queued before {@code installWriteKeys13} goes out under the old protection, one queued after
 * under the new. Consecutive handshake messages of one epoch are coalesced into as few records
 * as possible; a change_cipher_spec and each alert get records of their own.
 *
 * <p>{@link #flush} writes one chunk per call (the way SunJSSE's {@code wrap} hands out a
 * ServerHello, the compatibility CCS and the encrypted flight in three calls), as many whole
 * records of it as fit. Not thread-safe; the connection's lock guards it.
 */
final class Outbound {
    /** Content of one type to send under the protection in force when it reaches the head. */
    private record Chunk(ContentType type, ByteBuffer data) {
    }

    /** A write protection to install when this entry reaches the head. */
    private record KeyChange(Protection protection) {
    }

    private static final byte[] CCS = {1};

    private static final int SMALL = 4;
    // grows during a flight; replaced by a small one once the flight is out, so idle connections keep it small
    private ArrayDeque<Object> entries = new ArrayDeque<>(SMALL);
    private boolean grown;
    private final RecordWriter writer = new RecordWriter();
    private boolean plaintextVersionSet;
    // a close_notify or fatal alert is queued: nothing may follow it (RFC 8446 §6.1, RFC 5246 §7.2.1)
    private boolean ended;

    /** Queues a framed handshake message, coalescing with a handshake chunk queued just before. */
    void handshake(byte[] framed) {
        if (ended) {
            return; // the write side was closed while the handshake went on (another thread closed the socket)
        }
        Object last = entries.peekLast();
        if (last instanceof Chunk && ((Chunk) last).type() == ContentType.HANDSHAKE) {
            ByteBuffer d = ((Chunk) last).data();
            int start = d.position();
            byte[] joined = Arrays.copyOfRange(d.array(), start, d.limit() + framed.length);
            System.arraycopy(framed, 0, joined, d.limit() - start, framed.length);
            entries.pollLast();
            add(new Chunk(ContentType.HANDSHAKE, ByteBuffer.wrap(joined)));
        } else {
            add(new Chunk(ContentType.HANDSHAKE, ByteBuffer.wrap(Arrays.copyOf(framed, framed.length))));
        }
    }

    /** Queues the TLS 1.3 compatibility change_cipher_spec (the single byte 0x01). */
    void changeCipherSpec() {
        if (ended) {
            return;
        }
        add(new Chunk(ContentType.CHANGE_CIPHER_SPEC, ByteBuffer.wrap(Arrays.copyOf(CCS, CCS.length))));
    }

    /**
     * Queues an alert in a record of its own. After a close_notify or a fatal alert nothing more
     * is queued: records after it would never be read, and the keys are wiped once it is out.
     */
    void alert(AlertMessage alert) {
        if (ended) {
            return;
        }
        add(new Chunk(ContentType.ALERT, ByteBuffer.wrap(alert.toBytes())));
        ended = alert.isFatal() || alert.description() == AlertDescription.CLOSE_NOTIFY;
    }

    /** Queues a write protection change after everything queued so far (dropped, and wiped, after the end). */
    void keyChange(Protection next) {
        if (ended) {
            next.close();
            return;
        }
        add(new KeyChange(next));
    }

    private void add(Object entry) {
        entries.addLast(entry);
        grown |= entries.size() > SMALL;
    }

    /** Whether any record is waiting (pending key changes alone do not count). */
    boolean hasData() {
        if (entries.isEmpty()) {
            return false; // the common case, without an iterator
        }
        for (Object e : entries) {
            if (e instanceof Chunk) {
                return true;
            }
        }
        return false;
    }

    /** Installs the key changes at the head of the queue, up to the next chunk. */
    void applyKeyChanges() {
        while (entries.peekFirst() instanceof KeyChange) {
            writer.setProtection(((KeyChange) entries.pollFirst()).protection());
        }
    }

    /**
     * Writes whole records of the head chunk into {@code dst} (after installing any key change
     * that precedes it); when the chunk is done, installs the key changes that follow it.
     *
     * @return bytes written; 0 when nothing is queued; -1 when {@code dst} cannot take even one record
     */
    int flush(ByteBuffer dst) {
        applyKeyChanges();
        Chunk head = (Chunk) entries.peekFirst();
        if (head == null) {
            return 0;
        }
        int produced = 0;
        while (head.data().hasRemaining() && writer.writeRecord(head.type(), head.data(), dst)) {
            produced += writer.bytesProduced();
        }
        if (!head.data().hasRemaining()) {
            entries.pollFirst();
            applyKeyChanges();
            if (grown && entries.isEmpty()) {
                entries = new ArrayDeque<>(SMALL);
                grown = false;
            }
        }
        return produced == 0 ? -1 : produced;
    }

    /**
     * Seals one application data record (see {@link AppData#seal}) under the current keys, after
     * installing any key change still pending. Only when nothing else is queued.
     */
    int writeApplicationData(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) {
        applyKeyChanges();
        return AppData.seal(writer, srcs, offset, length, dst);
    }

    /** The protection records are written with now. */
    Protection protection() {
        return writer.protection();
    }

    void setMaxFragmentLength(int length) {
        writer.setMaxFragmentLength(length);
    }

    void setMaxPacketSize(int packetSize) {
        writer.setMaxPacketSize(packetSize);
    }

    /** Lowers the largest record content to {@code length}; never raises it. */
    void limitFragments(int length) {
        writer.lowerMaxFragmentLength(length);
    }

    /**
     * From now on plaintext records carry 0x0303: "MUST be set to 0x0303 for all records
     * generated by a TLS 1.3 implementation other than an initial ClientHello" (RFC 8446 §5.1).
     * Queued like a key change when records are waiting, so they keep their version. Once only.
     */
    void useTls12PlaintextVersion() {
        if (!plaintextVersionSet) {
            plaintextVersionSet = true;
            if (writer.protection() != NullProtection.INITIAL || keyChangeQueued()) {
                return; // keys are installed or on their way: no plaintext records any more
            }
            if (entries.isEmpty()) {
                writer.setProtection(NullProtection.TLS12);
            } else {
                keyChange(NullProtection.TLS12);
            }
        }
    }

    private boolean keyChangeQueued() {
        for (Object e : entries) {
            if (e instanceof KeyChange) {
                return true;
            }
        }
        return false;
    }

    /** Wipes the write keys. */
    void wipe() {
        writer.close();
    }

    /** Drops everything queued, wiping the keys of protections that will never be installed. */
    void clear() {
        ended = false;
        for (Iterator<Object> it = entries.iterator(); it.hasNext();) {
            Object e = it.next();
            if (e instanceof KeyChange) {
                ((KeyChange) e).protection().close();
            }
            it.remove();
        }
    }
}
