package dev.bastion.tls.record;

import dev.bastion.tls.crypto.AeadAlgorithm;

/**
 * Every size and count bound of the record layer, in one place.
 *
 * <p>Lengths are the RFCs' {@code length} fields: they exclude the 5-byte record header
 * unless the name says {@code RECORD_SIZE}.
 */
public final class RecordLimits {

    /** {@code ContentType type; ProtocolVersion legacy_record_version; uint16 length} (RFC 8446 §5.1). */
    public static final int HEADER_LENGTH = 5;

    /** TLSPlaintext.length and the content of any record: 2^14 (RFC 8446 §5.1, RFC 5246 §6.2.1). */
    public static final int MAX_PLAINTEXT = 1 << 14;

    /** The whole TLSInnerPlaintext (content, type byte, padding): 2^14 + 1 (RFC 8446 §5.4). */
    public static final int MAX_TLS13_INNER_PLAINTEXT = MAX_PLAINTEXT + 1;

    /** TLSCiphertext.length in TLS 1.3: 2^14 + 256 (RFC 8446 §5.2). */
    public static final int MAX_TLS13_CIPHERTEXT = MAX_PLAINTEXT + 256;

    /** TLSCiphertext.length in TLS 1.2: 2^14 + 2048 (RFC 5246 §6.2.3). */
    public static final int MAX_TLS12_CIPHERTEXT = MAX_PLAINTEXT + 2048;

    /** The largest TLS 1.3 record on the wire, header included (16645). */
    public static final int MAX_TLS13_RECORD_SIZE = HEADER_LENGTH + MAX_TLS13_CIPHERTEXT;

    /**
     * The largest record a peer may legally send in any version Bastion speaks, header included
     * (18437): the answer to "how big must an inbound network buffer be". SunJSSE answers
     * {@code getPacketBufferSize()} with 16709 and grows on demand; the engine decides which
     * number it reports.
     */
    public static final int MAX_RECORD_SIZE = HEADER_LENGTH + MAX_TLS12_CIPHERTEXT;

    /** Default for {@code jdk.tls.maxHandshakeMessageSize}: 32768 bytes of handshake body. */
    public static final int DEFAULT_MAX_HANDSHAKE_MESSAGE_SIZE = 32768;

    /**
     * How many records in a row may carry nothing (empty application_data records, and TLS 1.3
     * compatibility change_cipher_spec records that are dropped) before the connection gives up
     * with {@code unexpected_message}. 32 as in OpenSSL and BoringSSL; see {@link EmptyRecordGuard}.
     */
    public static final int MAX_CONSECUTIVE_EMPTY_RECORDS = 32;

    /**
     * Records one TLS 1.3 AES-GCM key may protect before the connection should send a
     * KeyUpdate: RFC 8446 §5.5 allows 2^24.5 full-size records; we stop at 2^24.
     */
    public static final long AES_GCM_RECORDS_PER_KEY = 1L << 24;

    private RecordLimits() {
    }

    /**
     * The sequence number at which a TLS 1.3 write key should be updated (RFC 8446 §5.5).
     * ChaCha20-Poly1305's limit lies beyond 2^64 records, so its threshold is 2^63: far away, but
     * still before the sequence number could wrap.
     */
    public static long keyUpdateThreshold(AeadAlgorithm aead) {
        return aead == AeadAlgorithm.CHACHA20_POLY1305 ? Long.MIN_VALUE /* 2^63 unsigned */ : AES_GCM_RECORDS_PER_KEY;
    }
}
