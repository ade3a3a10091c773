package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Tls;
import dev.bastion.tls.it.support.Versions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Engines used from several threads at once, as event loops with worker pools use them (the
 * socket cases are in {@link ConcurrencyTest}): SunJSSE as the control and Bastion; no case may
 * hang, lose or corrupt data.
 */
class EngineConcurrencyTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "EngineConcurrencyTest-" + COUNTER.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    static Stream<Arguments> providers() {
        return Versions.providersAndVersions();
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS), "the test's threads ended");
    }

    /**
     * Engines driven as event loops with worker pools drive them: wrap on one thread, unwrap on
     * another (the javadoc allows them to run concurrently), delegated tasks on an executor,
     * a third thread polling the handshake status and sessions. Both directions checksummed.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void engineWrapAndUnwrapOnSeparateThreads(String provider, String version) throws Exception {
        SSLContext clientCtx = Tls.client(provider);
        SSLContext serverCtx = Tls.server(provider);
        assertTimeoutPreemptively(LIMIT, () -> {
            for (int i = 0; i < 6; i++) {
                SSLEngine c = clientCtx.createSSLEngine("localhost", 443);
                c.setUseClientMode(true);
                c.setEnabledProtocols(new String[] {version});
                SSLEngine s = serverCtx.createSSLEngine();
                s.setUseClientMode(false);
                ConcurrentLinkedQueue<byte[]> toServer = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<byte[]> toClient = new ConcurrentLinkedQueue<>();
                byte[] up = new byte[100_000 + i * 7919];
                byte[] down = new byte[up.length];
                new Random(i).nextBytes(up);
                new Random(-i).nextBytes(down);
                EngineSide cs = new EngineSide(c, up, toServer, toClient);
                EngineSide ss = new EngineSide(s, down, toClient, toServer);
                List<Future<?>> loops = new ArrayList<>();
                for (EngineSide side : List.of(cs, ss)) {
                    loops.add(threads.submit(side::wrapLoop));
                    loops.add(threads.submit(side::unwrapLoop));
                    loops.add(threads.submit(side::pollLoop));
                }
                for (Future<?> loop : loops) {
                    loop.get();
                }
                assertEquals(crc(up), ss.crc.getValue(), "client to server");
                assertEquals(crc(down), cs.crc.getValue(), "server to client");
            }
        });
    }

    /** One engine driven by three threads: wrapper, unwrapper, status poller; tasks on the common pool's threads. */
    private final class EngineSide {
        final SSLEngine engine;
        final byte[] data;
        final ConcurrentLinkedQueue<byte[]> out;
        final ConcurrentLinkedQueue<byte[]> in;
        final CRC32 crc = new CRC32();
        volatile long received;
        volatile boolean sent;

        EngineSide(SSLEngine engine, byte[] data, ConcurrentLinkedQueue<byte[]> out, ConcurrentLinkedQueue<byte[]> in) {
            this.engine = engine;
            this.data = data;
            this.out = out;
            this.in = in;
        }

        void tasks() {
            for (Runnable t = engine.getDelegatedTask(); t != null; t = engine.getDelegatedTask()) {
                threads.execute(t);
            }
        }

        Void wrapLoop() throws Exception {
            ByteBuffer src = ByteBuffer.wrap(data);
            ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            while (!(sent && received == data.length)) {
                SSLEngineResult r = engine.wrap(src, net.clear());
                if (net.flip().hasRemaining()) {
                    byte[] b = new byte[net.remaining()];
                    net.get(b);
                    out.add(b);
                }
                sent = !src.hasRemaining();
                if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    tasks();
                }
                if (r.bytesProduced() == 0) {
                    Thread.sleep(0, 100_000);
                }
            }
            return null;
        }

        Void unwrapLoop() throws Exception {
            ByteBuffer net = ByteBuffer.allocate(1 << 17).flip();
            ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
            while (received < data.length) {
                byte[] b = net.remaining() < 1 << 16 ? in.poll() : null;
                if (b != null) {
                    net.compact().put(b).flip();
                }
                SSLEngineResult r = engine.unwrap(net, app.clear());
                crc.update(app.flip());
                received += r.bytesProduced();
                if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    tasks();
                }
                if (b == null && r.bytesConsumed() == 0) {
                    Thread.sleep(0, 100_000);
                }
            }
            return null;
        }

        Void pollLoop() throws Exception {
            while (received < data.length || !sent) {
                if (engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    tasks();
                }
                SSLSession h = engine.getHandshakeSession();
                if (h != null) {
                    h.getProtocol();
                }
                engine.getSession().getCipherSuite();
                Thread.sleep(0, 200_000);
            }
            return null;
        }
    }

    private static long crc(byte[] data) {
        CRC32 c = new CRC32();
        c.update(data);
        return c.getValue();
    }
}
