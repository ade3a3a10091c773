package dev.bastion.tls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.HandshakeCompletedListener;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class HandshakeNotifierTest {
    private static final HandshakeCompletedEvent EVENT = Mockito.mock(HandshakeCompletedEvent.class);

    /** What one notification saw: its thread, that thread's context class loader, the event. */
    private record Seen(Thread thread, ClassLoader loader, HandshakeCompletedEvent event) {
    }

    private static HandshakeCompletedListener recorder(BlockingQueue<Seen> seen) {
        return e -> seen.add(new Seen(Thread.currentThread(), Thread.currentThread().getContextClassLoader(), e));
    }

    @Test
    void listenersRunInOrderOnADaemonNotifierThreadThatIsReused() throws Exception {
        BlockingQueue<Seen> seen = new ArrayBlockingQueue<>(8);
        List<String> order = new ArrayList<>();
        HandshakeNotifier.notify(List.of(e -> order.add("first"), e -> order.add("second"), recorder(seen)), EVENT);
        Seen one = seen.poll(10, TimeUnit.SECONDS);
        assertSame(EVENT, one.event());
        assertEquals(List.of("first", "second"), order);
        assertEquals("HandshakeCompletedNotify-Thread", one.thread().getName());
        assertTrue(one.thread().isDaemon());
        assertFalse(one.thread() == Thread.currentThread());

        awaitIdle(one.thread());
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        HandshakeNotifier.notify(List.of(recorder(seen)), EVENT);
        Thread second = seen.poll(10, TimeUnit.SECONDS).thread();
        assertEquals("HandshakeCompletedNotify-Thread", second.getName());
        assertTrue(before.contains(second), "an idle notifier thread is reused, not a new one started");
    }

    @Test
    void aNotificationRunsWithTheNotifyingThreadsLoaderAndTheThreadKeepsNone() throws Exception {
        BlockingQueue<Seen> seen = new ArrayBlockingQueue<>(8);
        ClassLoader mine = new URLClassLoader(new URL[0], null);
        Thread notifying = new Thread(() -> HandshakeNotifier.notify(List.of(recorder(seen)), EVENT));
        notifying.setContextClassLoader(mine);
        notifying.start();
        notifying.join();
        Seen one = seen.poll(10, TimeUnit.SECONDS);
        assertSame(mine, one.loader());
        awaitIdle(one.thread());
        assertNull(one.thread().getContextClassLoader(), "an idle notifier thread pins no class loader");
    }

    @Test
    void aThrowingListenerEndsOnlyItsOwnNotification() throws Exception {
        BlockingQueue<Seen> seen = new ArrayBlockingQueue<>(8);
        BlockingQueue<Throwable> uncaught = new ArrayBlockingQueue<>(8);
        HandshakeNotifier.notify(List.of(e -> {
            Thread.currentThread().setUncaughtExceptionHandler((t, x) -> uncaught.add(x));
            throw new IllegalStateException("listener failed");
        }, recorder(seen)), EVENT);
        assertEquals("listener failed", uncaught.poll(10, TimeUnit.SECONDS).getMessage());
        assertTrue(seen.isEmpty(), "later listeners of the same notification are not called, as on SunJSSE's thread");
        HandshakeNotifier.notify(List.of(recorder(seen)), EVENT);
        assertSame(EVENT, seen.poll(10, TimeUnit.SECONDS).event());
    }

    @Test
    void aListenerThatBlocksDoesNotDelayTheNext() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<Seen> seen = new ArrayBlockingQueue<>(8);
        HandshakeNotifier.notify(List.of(e -> awaitQuietly(release)), EVENT);
        HandshakeNotifier.notify(List.of(recorder(seen)), EVENT);
        try {
            assertSame(EVENT, seen.poll(10, TimeUnit.SECONDS).event());
        } finally {
            release.countDown();
        }
    }

    @Test
    void idleNotifierThreadsEnd() throws Exception {
        BlockingQueue<Seen> seen = new ArrayBlockingQueue<>(8);
        HandshakeNotifier.notify(List.of(recorder(seen)), EVENT);
        Thread t = seen.poll(10, TimeUnit.SECONDS).thread();
        t.join(TimeUnit.SECONDS.toMillis(HandshakeNotifier.IDLE_SECONDS + 10));
        assertFalse(t.isAlive(), "a notifier thread idle for " + HandshakeNotifier.IDLE_SECONDS + " s ends");
    }

    /** Waits until the thread has finished its notification and waits for more work. */
    private static void awaitIdle(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() == Thread.State.RUNNABLE && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
