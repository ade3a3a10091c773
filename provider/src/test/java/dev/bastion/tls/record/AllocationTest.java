package dev.bastion.tls.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bastion.tls.crypto.Aead;
import dev.bastion.tls.crypto.AeadAlgorithm;
import dev.bastion.tls.testutil.ThreadAllocation;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The record layer itself allocates nothing per record once warm (DESIGN.md "Performance by
 * design"). The AEAD is replaced by an allocation-free stand-in, so that what is measured is
 * this package's code; the JCA AEADs are the crypto package's business.
 */
class AllocationTest {
    private static final int RECORDS = 2_000;

    @Test
    void tls13SealAndOpenAllocateNothingOnceWarm() {
        Tls13Protection writer = new Tls13Protection(AeadAlgorithm.AES_128_GCM, new XorAead(), new byte[12], PaddingPolicy.NONE);
        Tls13Protection reader = new Tls13Protection(AeadAlgorithm.AES_128_GCM, new XorAead(), new byte[12], PaddingPolicy.NONE);
        assertEquals(0, allocatedPerRun(writer, reader, true));
        assertEquals(0, allocatedPerRun(writer, reader, false));
    }

    @Test
    void tls12SealAndOpenAllocateNothingOnceWarm() {
        Tls12AeadProtection writer = new Tls12AeadProtection(AeadAlgorithm.AES_128_GCM, new XorAead(), new byte[4]);
        Tls12AeadProtection reader = new Tls12AeadProtection(AeadAlgorithm.AES_128_GCM, new XorAead(), new byte[4]);
        assertEquals(0, allocatedPerRun(writer, reader, true));
        assertEquals(0, allocatedPerRun(writer, reader, false));
    }

    private static long allocatedPerRun(Protection writer, Protection reader, boolean direct) {
        RecordWriter out = new RecordWriter();
        RecordReader in = new RecordReader();
        out.setProtection(writer);
        in.setProtection(reader);
        ByteBuffer app = direct ? ByteBuffer.allocateDirect(4096) : ByteBuffer.allocate(4096);
        ByteBuffer net = direct ? ByteBuffer.allocateDirect(8192) : ByteBuffer.allocate(8192);
        ByteBuffer back = direct ? ByteBuffer.allocateDirect(8192) : ByteBuffer.allocate(8192);
        run(out, in, app, net, back); // warm up: JIT, the cached in-place view
        run(out, in, app, net, back);
        // The least of several runs: a one-off allocation during a run (a JIT recompilation, a
        // class loaded by the JDK) must not count, while anything per record shows in every run,
        // as at least RECORDS * 16 bytes. getThreadAllocatedBytes itself may allocate a little.
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long before = ThreadAllocation.bytes();
            run(out, in, app, net, back);
            least = Math.min(least, ThreadAllocation.bytes() - before);
        }
        return least / RECORDS;
    }

    private static void run(RecordWriter out, RecordReader in, ByteBuffer app, ByteBuffer net, ByteBuffer back) {
        for (int i = 0; i < RECORDS; i++) {
            app.clear().limit(1000 + (i & 1023));
            net.clear();
            out.write(ContentType.APPLICATION_DATA, app, net);
            net.flip();
            if (in.missing(net) != 0) {
                throw new AssertionError("record not complete");
            }
            back.clear();
            in.read(net, back);
            // the in-place paths: content staged in the record buffer, opened where it lies
            net.clear();
            int n = 500 + (i & 255);
            out.writeStaged(ContentType.APPLICATION_DATA, n, net);
            net.flip();
            in.readInPlace(net);
            if (in.content().remaining() != n) {
                throw new AssertionError("in-place round trip lost content");
            }
        }
    }

    /** An allocation-free stand-in AEAD: XOR with a nonce-derived byte, a 16-byte checksum tag. */
    private static final class XorAead implements Aead {
        @Override
        public AeadAlgorithm algorithm() {
            return AeadAlgorithm.AES_128_GCM;
        }

        @Override
        public void seal(byte[] nonce, byte[] aad, int aadLength, ByteBuffer src, ByteBuffer dst) {
            byte k = mix(nonce, aad, aadLength);
            byte sum = 0;
            while (src.hasRemaining()) {
                byte b = src.get();
                sum += b;
                dst.put((byte) (b ^ k));
            }
            for (int i = 0; i < AeadAlgorithm.TAG_LENGTH; i++) {
                dst.put((byte) (sum + i));
            }
        }

        @Override
        public void seal(byte[] nonce, byte[] aad, int aadLength, ByteBuffer src, byte[] suffix, int suffixLength,
                ByteBuffer dst) {
            byte k = mix(nonce, aad, aadLength);
            byte sum = 0;
            while (src.hasRemaining()) {
                byte b = src.get();
                sum += b;
                dst.put((byte) (b ^ k));
            }
            for (int i = 0; i < suffixLength; i++) {
                sum += suffix[i];
                dst.put((byte) (suffix[i] ^ k));
            }
            for (int i = 0; i < AeadAlgorithm.TAG_LENGTH; i++) {
                dst.put((byte) (sum + i));
            }
        }

        @Override
        public void open(byte[] nonce, byte[] aad, int aadLength, ByteBuffer src, ByteBuffer dst) {
            byte k = mix(nonce, aad, aadLength);
            int n = src.remaining() - AeadAlgorithm.TAG_LENGTH;
            byte sum = 0;
            for (int i = 0; i < n; i++) {
                byte b = (byte) (src.get() ^ k);
                sum += b;
                dst.put(b);
            }
            for (int i = 0; i < AeadAlgorithm.TAG_LENGTH; i++) {
                if (src.get() != (byte) (sum + i)) {
                    throw new AssertionError("tag mismatch in the stand-in AEAD");
                }
            }
        }

        @Override
        public void close() {
        }

        private static byte mix(byte[] nonce, byte[] aad, int aadLength) {
            byte k = 0;
            for (byte b : nonce) {
                k ^= b;
            }
            for (int i = 0; i < aadLength; i++) {
                k += aad[i];
            }
            return k;
        }
    }
}
