package dev.bastion.tls.conformance.load;

import java.util.EnumSet;
import java.util.Set;

/** What a faulty (or slow) client does, and the server outcome it must cause. */
enum Fault {
    /** Sends its ClientHello, then closes the TCP connection. */
    HELLO_THEN_CLOSE(Outcome.HANDSHAKE_FAILED),
    /** Sends the record header and half of its ClientHello record, then closes (mid-record, in the handshake). */
    HALF_HELLO(Outcome.HANDSHAKE_FAILED),
    /** Reads the server's first flight, then closes without answering it. */
    FLIGHT_THEN_CLOSE(Outcome.HANDSHAKE_FAILED),
    /** After the handshake sends a record header and half the request record's body, then closes. */
    MID_RECORD(Outcome.REQUEST_FAILED),
    /** After the handshake sends close_notify and closes at once. */
    CLOSE_NOTIFY(Outcome.CLOSED_BEFORE_REQUEST),
    /**
     * Sends the request and resets the connection (SO_LINGER 0) without reading the answer. The
     * reset can overtake the server anywhere from the end of its handshake (in TLS 1.3 the request
     * follows the client's Finished at once) to its response: any of HANDSHAKE_FAILED,
     * REQUEST_FAILED, RESPONSE_FAILED or SERVED.
     */
    RESET_AFTER_REQUEST(Outcome.SERVED, Outcome.HANDSHAKE_FAILED, Outcome.REQUEST_FAILED, Outcome.RESPONSE_FAILED),
    /** Writes every byte alone with a pause (ClientHello, Finished, request): must be served. */
    SLOW(Outcome.SERVED);

    /** The server outcomes this fault may cause: one, but for RESET_AFTER_REQUEST. */
    final Set<Outcome> outcomes;

    Fault(Outcome first, Outcome... more) {
        this.outcomes = EnumSet.of(first, more);
    }
}
