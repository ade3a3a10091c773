package dev.bastion.tls.engine;

import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.HandshakeCompletedListener;

/**
 * Calls a socket's {@link HandshakeCompletedListener}s off the handshaking thread, as SunJSSE
 * does, on a daemon thread named {@code HandshakeCompletedNotify-Thread}. SunJSSE starts a new
 * thread for every handshake; {@code HttpsURLConnection} registers a listener on every connection,
 * so a client making new connections paid a thread start (about a tenth of its CPU time per
 * resumed HTTPS request) each time. Here an idle notifier thread is reused; it ends after
 * {@link #IDLE_SECONDS} without work, so none lingers once the handshakes stop.
 *
 * <p>Each notification runs with the context class loader of the thread that completed the
 * handshake (what a new thread would have inherited), and the pool's threads keep none between
 * notifications, nor inherited thread-locals, so a reused thread pins no application's loader. A
 * listener that throws ends its thread, which reports the exception to its uncaught-exception
 * handler, as on a new thread.
 */
final class HandshakeNotifier {
    static final String THREAD_NAME = "HandshakeCompletedNotify-Thread";
    static final int IDLE_SECONDS = 2;

    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE,
            IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(), HandshakeNotifier::newThread);

    private HandshakeNotifier() {
    }

    /** Calls the listeners, in order, with the event, on a notifier thread. */
    static void notify(List<HandshakeCompletedListener> listeners, HandshakeCompletedEvent event) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        POOL.execute(() -> {
            Thread self = Thread.currentThread();
            self.setContextClassLoader(loader);
            try {
                for (HandshakeCompletedListener l : listeners) {
                    l.handshakeCompleted(event);
                }
            } finally {
                self.setContextClassLoader(null);
            }
        });
    }

    private static Thread newThread(Runnable r) {
        Thread t = new Thread(null, r, THREAD_NAME, 0, false);
        t.setDaemon(true);
        t.setContextClassLoader(null);
        return t;
    }
}
