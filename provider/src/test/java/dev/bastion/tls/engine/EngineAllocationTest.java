package dev.bastion.tls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bastion.tls.crypto.AeadAlgorithm;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.record.ContentType;
import dev.bastion.tls.record.RecordReader;
import dev.bastion.tls.record.RecordWriter;
import dev.bastion.tls.record.Tls13Protection;
import dev.bastion.tls.testutil.ThreadAllocation;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngineResult;
import org.junit.jupiter.api.Test;

/**
 * Once warm, the engine and the connection core add nothing per record to what the record
 * layer and the AEAD allocate, except the {@link SSLEngineResult} each call must return
 * (DESIGN.md "Performance by design"). The record layer with the same AEAD is the baseline,
 * so the AEAD's own allocations are not charged to the engine; ChaCha20-Poly1305 is used because
 * its implementation allocates nothing on JDK 17 (Bouncy Castle's); where the AEAD itself
 * allocates (JCA's, from JDK 20) the comparison is skipped, not loosened.
 * Each side takes its best of several rounds.
 */
class EngineAllocationTest {
    private static final int RECORDS = 2_000;
    /** The least of several rounds: JIT decisions (escape analysis in JCA's GCM) vary from round to round. */
    private static final int ROUNDS = 8;

    @Test
    void applicationDataPathAllocatesOnlyTheResults() throws Exception {
        ByteBuffer app = ByteBuffer.allocate(4096);
        ByteBuffer net = ByteBuffer.allocate(8192);
        ByteBuffer back = ByteBuffer.allocate(16 * 1024 + 512);
        long engine = engineBest(i -> 1000 + (i & 1023), new SSLEngineResult[2]);

        RecordWriter w = new RecordWriter();
        RecordReader r = new RecordReader();
        TrafficKeys keys = new TrafficKeys(AeadAlgorithm.CHACHA20_POLY1305, new byte[32], new byte[12]);
        w.setProtection(new Tls13Protection(keys));
        r.setProtection(new Tls13Protection(keys));
        long records = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long before = ThreadAllocation.bytes();
            recordRun(w, r, app, net, back);
            records = Math.min(records, (ThreadAllocation.bytes() - before) / RECORDS);
        }
        // Over an allocation-free AEAD (Bouncy Castle's ChaCha20-Poly1305, which Bastion uses
        // before JDK 20) the difference is exact; JCA's implementations allocate depending on
        // how the JIT inlines them into each caller, which no baseline can reproduce.
        assumeTrue(records == 0, "the AEAD itself allocates " + records + " B/record on this JVM");
        long results = 2 * resultSize(); // one SSLEngineResult from wrap, one from unwrap
        // below one extra object (16 B) per record: the rest is the measurement's own noise
        assertTrue(engine - records < results + 16, "engine " + engine + " B/record, record layer alone " + records
                + " B/record, two results " + results + " B");
    }

    /** Records of one size (a bulk transfer): the engine returns its recent results again and adds nothing. */
    @Test
    void equalRecordsAllocateNothingInTheEngine() throws Exception {
        SSLEngineResult[] first = new SSLEngineResult[2];
        long engine = engineBest(i -> 3000, first);
        assumeTrue(Runtime.version().feature() < 20, "JCA's ChaCha20-Poly1305 (JDK 20 on) allocates per record itself");
        assertTrue(engine < 16, "engine and record layer " + engine + " B/record");
        // the results are right for each call, not merely shared
        assertEquals(SSLEngineResult.Status.OK, first[0].getStatus());
        assertEquals(SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING, first[1].getHandshakeStatus());
        assertEquals(3000, first[0].bytesConsumed());
        assertEquals(3000 + 22, first[0].bytesProduced(), "header 5, content type 1, tag 16");
        assertEquals(3000 + 22, first[1].bytesConsumed());
        assertEquals(3000, first[1].bytesProduced());
    }

    /**
     * Bytes per record the engines allocate (the least of {@link #ROUNDS} rounds) over
     * ChaCha20-Poly1305 for records of {@code size.applyAsInt(i)} bytes; {@code first} receives
     * the first wrap and unwrap results.
     */
    private static long engineBest(java.util.function.IntUnaryOperator size, SSLEngineResult[] first) throws Exception {
        Engines e = Engines.bastion(h -> h.aead = AeadAlgorithm.CHACHA20_POLY1305, null, null);
        e.handshake();
        ByteBuffer app = ByteBuffer.allocate(4096);
        ByteBuffer net = ByteBuffer.allocate(8192);
        ByteBuffer back = ByteBuffer.allocate(16 * 1024 + 512);
        long best = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long before = ThreadAllocation.bytes();
            engineRun(e, app, net, back, size, first);
            best = Math.min(best, (ThreadAllocation.bytes() - before) / RECORDS);
        }
        return best;
    }

    /** Bytes one SSLEngineResult costs on this JVM (it carries a DTLS sequence number since Java 9). */
    private static long resultSize() {
        SSLEngineResult[] keep = new SSLEngineResult[RECORDS];
        long before = ThreadAllocation.bytes();
        for (int i = 0; i < RECORDS; i++) {
            keep[i] = new SSLEngineResult(SSLEngineResult.Status.OK, SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING, i, i);
        }
        long size = (ThreadAllocation.bytes() - before) / RECORDS;
        return keep[RECORDS - 1].bytesConsumed() >= 0 ? size : 0;
    }

    private static void engineRun(Engines e, ByteBuffer app, ByteBuffer net, ByteBuffer back,
            java.util.function.IntUnaryOperator size, SSLEngineResult[] first) throws Exception {
        for (int i = 0; i < RECORDS; i++) {
            app.clear().limit(size.applyAsInt(i));
            net.clear();
            SSLEngineResult w = e.client.wrap(app, net);
            net.flip();
            back.clear();
            SSLEngineResult u = e.server.unwrap(net, back);
            if (u.bytesProduced() != w.bytesConsumed()) {
                throw new AssertionError(w + " / " + u);
            }
            if (first[0] == null) {
                first[0] = w;
                first[1] = u;
            }
        }
    }

    private static void recordRun(RecordWriter w, RecordReader r, ByteBuffer app, ByteBuffer net, ByteBuffer back) {
        for (int i = 0; i < RECORDS; i++) {
            app.clear().limit(1000 + (i & 1023));
            net.clear();
            w.writeRecord(ContentType.APPLICATION_DATA, app, net);
            net.flip();
            back.clear();
            r.missing(net);
            assertEquals(ContentType.APPLICATION_DATA, r.read(net, back));
        }
    }
}
