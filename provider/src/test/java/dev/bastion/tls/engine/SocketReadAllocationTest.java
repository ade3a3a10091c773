package dev.bastion.tls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.BastionProvider;
import dev.bastion.tls.connection.Handshakers;
import dev.bastion.tls.connection.config.PropertySource;
import dev.bastion.tls.record.RecordLimits;
import dev.bastion.tls.spi.BastionSSLContext;
import dev.bastion.tls.testutil.SelfSigned;
import dev.bastion.tls.testutil.ThreadAllocation;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * A socket reading one small record after another keeps its buffers: once warm, a record read
 * costs the reading thread far less than the full-record buffer ({@link
 * RecordLimits#MAX_TLS12_CIPHERTEXT} bytes) that a socket allocated for every record when it
 * asked whether a record fits before emptying its buffer of decrypted bytes.
 */
class SocketReadAllocationTest {
    private static final int RECORDS = 2_000;
    private static final int SIZE = 100;

    @Test
    void readingRecordsDoesNotAllocateABufferPerRecord() throws Exception {
        SelfSigned pki = SelfSigned.localhost();
        BastionSSLContext spi = new BastionSSLContext("TLS", PropertySource.of(Map.of(), Map.of()), Handshakers.STANDARD);
        SSLContext ctx = new SSLContext(spi, new BastionProvider(), "TLS") { };
        ctx.init(pki.keyManagers(), pki.trustManagers(), null);
        try (ServerSocket listener = ctx.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeRecords(listener));
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                    listener.getLocalPort())) {
                s.setSoTimeout(20_000);
                long perRecord = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    byte[] b = new byte[SIZE];
                    for (int i = 0; i < RECORDS; i++) { // warm-up
                        in.readFully(b);
                    }
                    long before = ThreadAllocation.bytes();
                    for (int i = 0; i < RECORDS; i++) {
                        in.readFully(b);
                    }
                    long used = (ThreadAllocation.bytes() - before) / RECORDS;
                    assertEquals(RECORDS - 1, b[SIZE - 1] & 0xff | (b[0] & 0xff) << 8, "the last record arrived");
                    s.getOutputStream().write(1);
                    return used;
                });
                writer.get(20, TimeUnit.SECONDS);
                System.out.println("SocketReadAllocationTest: " + perRecord + " bytes allocated per 100-byte record read");
                // the socket's decrypted-bytes buffer alone is 18 KiB; a quarter of it leaves room for the AEAD's own
                // allocations (about 1.3 KB per record with JDK 17's AES-GCM)
                assertTrue(perRecord < RecordLimits.MAX_TLS12_CIPHERTEXT / 4, perRecord + " bytes allocated per record read");
            }
        }
    }

    /** Accepts one client and sends it 2 x {@link #RECORDS} records of {@link #SIZE} bytes (one write each). */
    private static void writeRecords(ServerSocket listener) {
        try (Socket s = listener.accept()) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            byte[] b = new byte[SIZE];
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < RECORDS; i++) {
                    b[0] = (byte) (i >> 8);
                    b[SIZE - 1] = (byte) i;
                    out.write(b);
                }
            }
            if (s.getInputStream().read() != 1) {
                throw new IllegalStateException("the reader did not confirm");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
