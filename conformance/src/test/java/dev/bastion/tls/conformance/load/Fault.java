package dev.bastion.tls.conformance.load;

/** What a faulty (or slow) client does, and the server outcome it must cause. */
enum Fault {
    /** Sends its ClientHello, then closes the TCP connection. */
    HELLO_THEN_CLOSE(Outcome.HANDSHAKE_FAILED),
    /** Reads the server's first flight, then closes without answering it. */
    FLIGHT_THEN_CLOSE(Outcome.HANDSHAKE_FAILED),
    /** After the handshake sends a record header and half the request record's body, then closes. */
    MID_RECORD(Outcome.REQUEST_FAILED),
    /** After the handshake sends close_notify and closes at once. */
    CLOSE_NOTIFY(Outcome.CLOSED_BEFORE_REQUEST),
    /** Sends the request and resets the connection (SO_LINGER 0) without reading the answer. */
    RESET_AFTER_REQUEST(Outcome.SERVED),
    /** Writes every byte alone with a pause (ClientHello, Finished, request): must be served. */
    SLOW(Outcome.SERVED);

    /**
     * The server outcome this fault causes; for RESET_AFTER_REQUEST the reset can also beat the
     * response (RESPONSE_FAILED) or the reading of the request (REQUEST_FAILED).
     */
    final Outcome expected;

    Fault(Outcome expected) {
        this.expected = expected;
    }
}
