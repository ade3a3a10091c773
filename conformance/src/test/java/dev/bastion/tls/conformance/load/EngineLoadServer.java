package dev.bastion.tls.conformance.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Load server (b): Bastion {@code SSLEngine}s driven over non-blocking {@link SocketChannel}s
 * by two selector loops (threads). Loop 0 also accepts and hands every other connection to
 * loop 1. The per-connection state machine is {@link EngineConnection}; delegated tasks run
 * inline on the loop. A connection idle longer than {@link #IDLE_MILLIS} is dropped.
 */
final class EngineLoadServer implements LoadServer {
    private static final int LOOPS = 2;

    private final SSLContext context;
    private final ServerSocketChannel listener;
    private final Tally tally = new Tally();
    private final AtomicInteger open = new AtomicInteger();
    private final Selector[] selectors = new Selector[LOOPS];
    private final Thread[] threads = new Thread[LOOPS];
    @SuppressWarnings("unchecked")
    private final Queue<SocketChannel>[] handOver = new Queue[LOOPS];
    private volatile boolean closed;
    private int next;

    EngineLoadServer(SSLContext context) throws IOException {
        this.context = context;
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", 0), 256);
        listener.configureBlocking(false);
        for (int i = 0; i < LOOPS; i++) {
            selectors[i] = Selector.open();
            handOver[i] = new ConcurrentLinkedQueue<>();
        }
        listener.register(selectors[0], SelectionKey.OP_ACCEPT);
        for (int i = 0; i < LOOPS; i++) {
            int k = i;
            threads[i] = new Thread(() -> loop(k), "load-engine-loop-" + i);
            threads[i].start();
        }
    }

    @Override
    public int port() {
        return listener.socket().getLocalPort();
    }

    @Override
    public Tally tally() {
        return tally;
    }

    @Override
    public int open() {
        return open.get();
    }

    private void loop(int k) {
        Selector selector = selectors[k];
        long lastSweep = System.nanoTime();
        try {
            while (!closed) {
                selector.select(100);
                SocketChannel ch;
                while ((ch = handOver[k].poll()) != null) {
                    register(selector, ch);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        ((EngineConnection) key.attachment()).ready();
                    }
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() - lastSweep > 500_000_000L) {
                    lastSweep = System.nanoTime();
                    sweep(selector, System.nanoTime() - IDLE_MILLIS * 1_000_000L);
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            tally.record(Outcome.UNEXPECTED, e);
        } finally {
            sweep(selector, Long.MAX_VALUE);
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel ch;
        while ((ch = listener.accept()) != null) {
            open.incrementAndGet();
            int k = next++ % LOOPS;
            if (k == 0) {
                register(selectors[0], ch);
            } else {
                handOver[k].add(ch);
                selectors[k].wakeup();
            }
        }
    }

    private void register(Selector selector, SocketChannel ch) {
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            EngineConnection c = new EngineConnection(ch, context.createSSLEngine(), tally, open::decrementAndGet);
            c.start(ch.register(selector, SelectionKey.OP_READ, c));
        } catch (IOException e) {
            tally.record(Outcome.HANDSHAKE_FAILED, e);
            open.decrementAndGet();
            closeQuietly(ch);
        }
    }

    /** Drops the connections idle since before {@code idleSince} (all of them with Long.MAX_VALUE). */
    private void sweep(Selector selector, long idleSince) {
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof EngineConnection c && key.isValid() && c.lastActive() < idleSince) {
                c.drop();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Selector s : selectors) {
            s.wakeup();
        }
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(listener);
        for (Queue<SocketChannel> q : handOver) {
            SocketChannel ch;
            while ((ch = q.poll()) != null) {
                tally.record(Outcome.TIMED_OUT, null);
                open.decrementAndGet();
                closeQuietly(ch);
            }
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
