package dev.bastion.tls.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * The running hash of the handshake messages (RFC 8446 §4.4.1; RFC 5246 §7.4.9
 * {@code handshake_messages}). Each message is fed whole, with its 4-byte handshake header.
 *
 * <p>A client sends its ClientHello before it knows the cipher suite, so the hash may be
 * chosen later: until {@link #selectHash} the messages are buffered, then hashed. A TLS 1.2
 * client that may have to sign the whole transcript in CertificateVerify (RFC 5246 §7.4.8)
 * calls {@link #retainMessages()} first. The amount buffered is bounded by the handshake
 * layer's message limits; nothing is buffered after {@link #selectHash} unless retained.
 *
 * <p>Not thread-safe: one handshake owns it.
 */
public final class TranscriptHash {
    /** HandshakeType.message_hash (RFC 8446 §4). */
    private static final int MESSAGE_HASH = 254;
    private static final byte[] NO_BYTES = new byte[0];

    private byte[] buffer = NO_BYTES; // allocated at the first message
    private int buffered;
    private boolean buffering = true;
    private boolean retain;
    private HashAlgorithm hash;
    private MessageDigest digest;

    /** A transcript whose hash is chosen later, by {@link #selectHash}. */
    public TranscriptHash() {
    }

    /** A transcript whose hash is known from the start (e.g. a server's). */
    public static TranscriptHash of(HashAlgorithm hash) {
        TranscriptHash t = new TranscriptHash();
        t.selectHash(hash);
        return t;
    }

    /** Adds one whole handshake message (header included). */
    public void update(byte[] message) {
        update(message, 0, message.length);
    }

    public void update(byte[] message, int offset, int length) {
        if (digest != null) {
            digest.update(message, offset, length);
        }
        if (buffering) {
            append(message, offset, length);
        }
    }

    /**
     * Fixes the hash (the negotiated suite's) and hashes the buffered messages. Selecting
     * the same hash again does nothing.
     *
     * @throws IllegalArgumentException if a different hash was already selected
     */
    public void selectHash(HashAlgorithm selected) {
        if (hash != null) {
            if (hash != selected) {
                throw new IllegalArgumentException("transcript hash is already " + hash + ", not " + selected);
            }
            return;
        }
        hash = selected;
        digest = newDigest(selected);
        digest.update(buffer, 0, buffered);
        if (!retain) {
            dropMessages();
        }
    }

    public Optional<HashAlgorithm> hash() {
        return Optional.ofNullable(hash);
    }

    /** {@code Transcript-Hash} of the messages so far. */
    public byte[] current() {
        return copyOfDigest().digest();
    }

    /**
     * The hash of the messages so far followed by {@code extra}, leaving the transcript
     * unchanged: for PSK binders over a truncated ClientHello (RFC 8446 §4.2.11.2). Works
     * before the hash is selected (a client's first ClientHello binders use each PSK's hash).
     *
     * @throws IllegalArgumentException if a different hash was already selected
     */
    public byte[] currentWith(HashAlgorithm with, byte[] extra, int offset, int length) {
        MessageDigest d;
        if (hash != null) {
            if (hash != with) {
                throw new IllegalArgumentException("transcript hash is " + hash + ", not " + with);
            }
            d = copyOfDigest();
        } else {
            d = newDigest(with);
            d.update(buffer, 0, buffered);
        }
        d.update(extra, offset, length);
        return d.digest();
    }

    /**
     * After a HelloRetryRequest (RFC 8446 §4.4.1): replaces ClientHello1, the only message so
     * far, by {@code message_hash = 254 || 00 00 Hash.length || Hash(ClientHello1)}. Call it
     * after ClientHello1 and before the HelloRetryRequest is added; the hash must be selected.
     */
    public void replaceWithMessageHash() {
        requireSelected();
        byte[] h = digest.digest(); // also resets the digest
        byte[] synthetic = new byte[4 + h.length];
        synthetic[0] = (byte) MESSAGE_HASH;
        synthetic[3] = (byte) h.length;
        System.arraycopy(h, 0, synthetic, 4, h.length);
        digest.update(synthetic);
        if (buffering) {
            buffered = 0;
            append(synthetic, 0, synthetic.length);
        }
    }

    /**
     * The client's side of RFC 8446 §4.4.1 when the HelloRetryRequest is already in the
     * transcript (the connection adds each received message before the handshake sees it):
     * selects {@code selected}, then replaces ClientHello1, the first {@code clientHello1Length}
     * bytes buffered, by {@code message_hash}, keeping what follows it. Only before the hash is
     * selected (the client learns it from the HelloRetryRequest).
     *
     * @throws IllegalStateException if the hash is already selected or messages were dropped
     * @throws IllegalArgumentException if fewer than {@code clientHello1Length} bytes are buffered
     */
    public void selectHashReplacingClientHello1(HashAlgorithm selected, int clientHello1Length) {
        if (hash != null || !buffering) {
            throw new IllegalStateException("ClientHello1 can only be replaced while messages are buffered,"
                    + " before the hash is selected");
        }
        if (clientHello1Length < 4 || clientHello1Length > buffered) {
            throw new IllegalArgumentException("ClientHello1 length " + clientHello1Length + ", but " + buffered
                    + " bytes are buffered");
        }
        MessageDigest d = newDigest(selected);
        d.update(buffer, 0, clientHello1Length);
        byte[] h = d.digest();
        byte[] rest = Arrays.copyOfRange(buffer, clientHello1Length, buffered);
        buffered = 0;
        append(new byte[] {(byte) MESSAGE_HASH, 0, 0, (byte) h.length}, 0, 4);
        append(h, 0, h.length);
        append(rest, 0, rest.length);
        selectHash(selected);
    }

    /**
     * Keeps the messages themselves as well as their hash, for a TLS 1.2 CertificateVerify
     * signature. Must be called before {@link #selectHash}.
     */
    public void retainMessages() {
        if (!buffering) {
            throw new IllegalStateException("messages can only be retained before the hash is selected");
        }
        retain = true;
    }

    /** A copy of every message so far (only while buffering or retained). */
    public byte[] messages() {
        if (!buffering) {
            throw new IllegalStateException("transcript messages were not retained");
        }
        return Arrays.copyOf(buffer, buffered);
    }

    /** Stops keeping the messages themselves; the hash goes on. */
    public void dropMessages() {
        retain = false;
        buffering = false;
        buffer = NO_BYTES;
        buffered = 0;
    }

    @Override
    public String toString() {
        return "TranscriptHash(" + (hash == null ? "hash not selected" : hash) + ", "
                + (buffering ? buffered + " bytes buffered" : "not buffering") + ")";
    }

    private void append(byte[] b, int offset, int length) {
        if (buffered + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(Math.max(buffer.length * 2, 1024), buffered + length));
        }
        System.arraycopy(b, offset, buffer, buffered, length);
        buffered += length;
    }

    private MessageDigest copyOfDigest() {
        requireSelected();
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(digest.getAlgorithm() + " digest of " + digest.getProvider()
                    + " cannot be cloned", e);
        }
    }

    private void requireSelected() {
        if (hash == null) {
            throw new IllegalStateException("the transcript hash is not selected yet");
        }
    }

    private static MessageDigest newDigest(HashAlgorithm hash) {
        return Digests.fresh(hash);
    }
}
