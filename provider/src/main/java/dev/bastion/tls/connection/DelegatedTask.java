package dev.bastion.tls.connection;

import javax.net.ssl.SSLException;

/**
 * The delegated task of one {@link Connection} (its class comment says when messages wait for
 * one): pending from {@link #start} until it ran or the connection closed or failed; handed out
 * once; a failure it ran into is kept until the next wrap or unwrap takes it. Guarded by the
 * connection's lock, except {@link #pending}, which {@code handshakeStatus} reads without it so
 * that an event loop never waits for a task running elsewhere.
 */
final class DelegatedTask {
    private final Connection connection;
    private volatile boolean pending;
    private boolean handedOut;
    private SSLException failure;

    DelegatedTask(Connection connection) {
        this.connection = connection;
    }

    boolean pending() {
        return pending;
    }

    /** Received messages wait for a task from now on. */
    void start() {
        pending = true;
        handedOut = false;
    }

    /** Nothing waits any more: the connection closed or failed. */
    void cancel() {
        pending = false;
    }

    /** The task, once per {@link #start}; null when none is pending or it was handed out. */
    Runnable handOut() {
        if (!pending || handedOut) {
            return null;
        }
        handedOut = true;
        return this::run;
    }

    boolean failed() {
        return failure != null;
    }

    /** The failure the task ran into, once. */
    SSLException takeFailure() {
        SSLException f = failure;
        failure = null;
        return f;
    }

    private void run() {
        synchronized (connection) {
            if (!pending) {
                return; // closed or failed meanwhile
            }
            try {
                connection.processPending();
            } catch (RuntimeException e) {
                failure = connection.failures().local(e);
            } finally {
                pending = false;
                handedOut = false;
            }
        }
    }
}
