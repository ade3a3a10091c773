package dev.bastion.tls.conformance.hostile;

import java.util.List;
import java.util.function.Consumer;

/** Handshake messages after the hellos, written by hand (RFC 8446 §4.3–§4.6, §4.5). */
final class Msg {
    private Msg() {
    }

    /** {@code msg_type || uint24 length || body}; the length vector is named {@code "handshake"}. */
    static byte[] handshake(int type, Consumer<Bytes> body) {
        return new Bytes().u8(type).vec24("handshake", body).toArray();
    }

    static byte[] handshake(int type, byte[] body) {
        return handshake(type, b -> b.raw(body));
    }

    /** {@code Extension extensions<0..2^16-1>} (§4.3.1). */
    static byte[] encryptedExtensions(List<Ext> extensions) {
        return handshake(Tls.ENCRYPTED_EXTENSIONS, b -> b.vec16("extensions", e -> extensions.forEach(x -> x.encode(e))));
    }

    /** TLS 1.3 Certificate with empty per-entry extensions (§4.4.2). */
    static byte[] certificate(byte[] context, List<byte[]> certificates) {
        return certificate(context, certificates, new byte[0]);
    }

    /** TLS 1.3 Certificate whose first entry carries {@code firstEntryExtensions} (the block's content). */
    static byte[] certificate(byte[] context, List<byte[]> certificates, byte[] firstEntryExtensions) {
        return handshake(Tls.CERTIFICATE, b -> b.vec8("certificate_request_context", context)
                .vec24("certificate_list", l -> {
                    for (int i = 0; i < certificates.size(); i++) {
                        l.vec24("cert_data", certificates.get(i))
                                .vec16("entry_extensions", i == 0 ? firstEntryExtensions : new byte[0]);
                    }
                }));
    }

    /** A copy of {@code message} with {@code delta} added to the 24-bit length at {@code offset}. */
    static byte[] lieU24(byte[] message, int offset, int delta) {
        byte[] m = message.clone();
        int n = ((m[offset] & 0xFF) << 16 | (m[offset + 1] & 0xFF) << 8 | (m[offset + 2] & 0xFF)) + delta;
        m[offset] = (byte) (n >>> 16);
        m[offset + 1] = (byte) (n >>> 8);
        m[offset + 2] = (byte) n;
        return m;
    }

    /** {@code SignatureScheme algorithm; opaque signature<0..2^16-1>} (§4.4.3). */
    static byte[] certificateVerify(int scheme, byte[] signature) {
        return handshake(Tls.CERTIFICATE_VERIFY, b -> b.u16(scheme).vec16("signature", signature));
    }

    static byte[] finished(byte[] verifyData) {
        return handshake(Tls.FINISHED, verifyData);
    }

    /** {@code KeyUpdateRequest request_update}: 0 not requested, 1 requested (§4.6.3). */
    static byte[] keyUpdate(int request) {
        return handshake(Tls.KEY_UPDATE, new byte[] {(byte) request});
    }

    /** NewSessionTicket (§4.6.1). */
    static byte[] newSessionTicket(long lifetime, byte[] nonce, byte[] ticket) {
        return handshake(Tls.NEW_SESSION_TICKET, b -> b.u16((int) (lifetime >>> 16)).u16((int) lifetime)
                .u16(0x1234).u16(0x5678).vec8("ticket_nonce", nonce).vec16("ticket", ticket)
                .vec16("extensions", new byte[0]));
    }

    /** CertificateRequest with an empty context and signature_algorithms (§4.3.2). */
    static byte[] certificateRequest(byte[] context, int... schemes) {
        return handshake(Tls.CERTIFICATE_REQUEST, b -> b.vec8("certificate_request_context", context)
                .vec16("extensions", e -> Exts.signatureAlgorithms(schemes).encode(e)));
    }

    /** The content CertificateVerify signs (§4.4.3): 64 spaces, the context string, 0, the transcript hash. */
    static byte[] signedContent(boolean server, byte[] transcriptHash) {
        Bytes b = new Bytes().raw(Bytes.filled(64, 0x20));
        b.raw((server ? "TLS 1.3, server CertificateVerify" : "TLS 1.3, client CertificateVerify")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return b.u8(0).raw(transcriptHash).toArray();
    }
}
