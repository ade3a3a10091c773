package dev.bastion.tls.record;

/**
 * How many zero bytes of padding a TLS 1.3 record gets (RFC 8446 §5.4). The record layer clamps
 * the answer so that the TLSInnerPlaintext never exceeds 2^14 + 1 bytes. The answer must depend
 * only on the content length, so that {@link Protection#sealedSize(int)} can predict it.
 */
@FunctionalInterface
public interface PaddingPolicy {

    /** No padding: the default, as in SunJSSE and OpenSSL. */
    PaddingPolicy NONE = contentLength -> 0;

    /** Padding bytes to add after a record of {@code contentLength} bytes of content. */
    int paddingFor(int contentLength);

    /**
     * Pads content plus type byte up to a multiple of {@code block} bytes, hiding exact lengths
     * from an observer (RFC 8446 §5.4, §E.3).
     */
    static PaddingPolicy toMultipleOf(int block) {
        if (block < 1 || block > RecordLimits.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("padding block must be 1.." + RecordLimits.MAX_PLAINTEXT + ", got " + block);
        }
        return contentLength -> {
            int inner = contentLength + 1;
            return (block - inner % block) % block;
        };
    }
}
