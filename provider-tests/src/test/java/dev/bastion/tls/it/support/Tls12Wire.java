package dev.bastion.tls.it.support;

import java.io.ByteArrayOutputStream;
import java.util.OptionalInt;

/**
 * Reads the plaintext part of one side's TLS 1.2 handshake (RFC 5246 §6.2.1, §7.4): the
 * handshake records before its ChangeCipherSpec, joined and split into messages. What the
 * session API does not tell: the SignatureAndHashAlgorithm a signer chose.
 */
public final class Tls12Wire {
    private static final int HANDSHAKE = 22;
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int SERVER_KEY_EXCHANGE = 12;
    private static final int CERTIFICATE_VERIFY = 15;

    private Tls12Wire() {
    }

    /**
     * The signature scheme of the ServerKeyExchange in {@code serverBytes} (ECDHE: RFC 8422
     * §5.4; DHE: RFC 5246 §7.4.3), or empty when there is none.
     */
    public static OptionalInt serverKeyExchangeScheme(byte[] serverBytes) {
        byte[] m = message(plainHandshake(serverBytes), SERVER_KEY_EXCHANGE);
        if (m == null) {
            return OptionalInt.empty();
        }
        int at;
        if (m[0] == 3) { // named_curve, curve (2), point <1..2^8-1>
            at = 3;
            at += 1 + (m[at] & 0xff);
        } else { // dh_p, dh_g, dh_Ys <1..2^16-1> each
            at = 0;
            for (int i = 0; i < 3; i++) {
                at += 2 + u16(m, at);
            }
        }
        return OptionalInt.of(u16(m, at));
    }

    /** The signature scheme of the client's CertificateVerify (RFC 5246 §7.4.8), or empty. */
    public static OptionalInt certificateVerifyScheme(byte[] clientBytes) {
        byte[] m = message(plainHandshake(clientBytes), CERTIFICATE_VERIFY);
        return m == null ? OptionalInt.empty() : OptionalInt.of(u16(m, 0));
    }

    private static byte[] plainHandshake(byte[] records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at + 5 <= records.length;) {
            int type = records[at] & 0xff;
            int length = u16(records, at + 3);
            if (type == CHANGE_CIPHER_SPEC) {
                break;
            }
            if (type == HANDSHAKE) {
                out.write(records, at + 5, length);
            }
            at += 5 + length;
        }
        return out.toByteArray();
    }

    private static byte[] message(byte[] handshake, int wanted) {
        for (int at = 0; at + 4 <= handshake.length;) {
            int type = handshake[at] & 0xff;
            int length = (u16(handshake, at + 1) << 8) | (handshake[at + 3] & 0xff);
            if (type == wanted) {
                return java.util.Arrays.copyOfRange(handshake, at + 4, at + 4 + length);
            }
            at += 4 + length;
        }
        return null;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
