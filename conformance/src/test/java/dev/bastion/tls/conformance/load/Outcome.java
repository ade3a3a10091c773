package dev.bastion.tls.conformance.load;

/** How one accepted connection ended, as the load servers see it. */
enum Outcome {
    /** Handshake done, request read, the whole response handed to the kernel. */
    SERVED,
    /** The handshake ended with an {@code IOException} (EOF, {@code SSLException}, reset). */
    HANDSHAKE_FAILED,
    /** After the handshake the peer ended the stream in order (close_notify) before any request byte. */
    CLOSED_BEFORE_REQUEST,
    /** The request was cut off: an {@code IOException} or the end of the stream before its end. */
    REQUEST_FAILED,
    /** Writing the response failed with an {@code IOException} (the peer had gone). */
    RESPONSE_FAILED,
    /** The connection was idle longer than the server's read timeout. */
    TIMED_OUT,
    /** Anything that is not an {@code IOException}: a bug in the server or the provider. */
    UNEXPECTED
}
