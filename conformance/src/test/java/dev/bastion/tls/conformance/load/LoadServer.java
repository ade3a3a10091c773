package dev.bastion.tls.conformance.load;

/** A Bastion server under load: listens on 127.0.0.1, counts how every connection ended, stops on close. */
interface LoadServer extends AutoCloseable {
    /** The longest a server waits for a peer's next bytes before it drops the connection. */
    int IDLE_MILLIS = 10_000;

    int port();

    Tally tally();

    /** Connections accepted and not yet ended. */
    int open();

    /** Stops accepting, ends the server's threads (bounded wait); connections still open count as TIMED_OUT. */
    @Override
    void close();
}
