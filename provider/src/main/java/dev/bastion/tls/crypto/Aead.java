package dev.bastion.tls.crypto;

import java.nio.ByteBuffer;

/**
 * A keyed AEAD, reused for every record of one direction. Implementations allocate
 * nothing per call once warm, and accept heap or direct buffers.
 *
 * <p>In-place operation is allowed: {@code src} and {@code dst} may view the same storage
 * provided {@code dst}'s position is not after {@code src}'s (the output never overtakes
 * unread input).
 *
 * <p>Not thread-safe: one direction of one connection owns an instance.
 */
public interface Aead extends AutoCloseable {

    AeadAlgorithm algorithm();

    /**
     * Encrypts {@code src.remaining()} bytes into {@code dst} at its position and appends the
     * tag. Advances {@code src} to its limit and {@code dst} by
     * {@code src.remaining() + tagLength}. The caller guarantees room in {@code dst}.
     *
     * @param nonce 12 bytes, never repeated under this key
     * @param aad additional authenticated data: {@code aad[0, aadLength)}
     */
    void seal(byte[] nonce, byte[] aad, int aadLength, ByteBuffer src, ByteBuffer dst);

    /**
     * Like {@link #seal(byte[], byte[], int, ByteBuffer, ByteBuffer)}, encrypting
     * {@code src} followed by {@code suffix[0, suffixLength)} as one plaintext: TLS 1.3 appends
     * the inner content type and padding to the content (RFC 8446 §5.2), and this spares the
     * copy of the content next to them. {@code src} and {@code dst} must not share storage.
     * Advances {@code dst} by {@code src.remaining() + suffixLength + tagLength}.
     *
     * <p>The default joins the two into a temporary buffer; the implementations that
     * {@link AeadAlgorithm#newAead} chooses override it without allocating.
     */
    default void seal(byte[] nonce, byte[] aad, int aadLength, ByteBuffer src, byte[] suffix, int suffixLength,
            ByteBuffer dst) {
        ByteBuffer joined = ByteBuffer.allocate(src.remaining() + suffixLength);
        joined.put(src).put(suffix, 0, suffixLength).flip();
        seal(nonce, aad, aadLength, joined, dst);
    }

    /**
     * Decrypts and authenticates {@code src} (ciphertext followed by the tag) into
     * {@code dst}. Advances {@code src} to its limit and {@code dst} by
     * {@code src.remaining() - tagLength}.
     *
     * @throws dev.bastion.tls.codec.TlsAlert {@code bad_record_mac} if authentication
     *     fails or {@code src} is shorter than the tag; then no unauthenticated plaintext
     *     is left in {@code dst} (the region written is zeroed) and the positions of
     *     {@code src} and {@code dst} are unchanged.
     */
    void open(byte[] nonce, byte[] aad, int aadLength, ByteBuffer src, ByteBuffer dst);

    /** Wipes the key material this instance holds. */
    @Override
    void close();
}
