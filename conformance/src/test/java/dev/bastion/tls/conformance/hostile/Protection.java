package dev.bastion.tls.conformance.hostile;

import java.util.Optional;

/**
 * Record protection of one direction and key, as the hostile peer uses it: TLS 1.3
 * ({@link RecordCipher}, RFC 8446 §5.2) or TLS 1.2 AEAD ({@link RecordCipher12}, RFC 5246
 * §6.2.3.3).
 */
interface Protection {

    /** A protected record of {@code type} around {@code content}. */
    byte[] seal(int type, byte[] content);

    /** The record's real type and content, or empty when it does not open under this key. */
    Optional<Rec> open(Rec record);
}
