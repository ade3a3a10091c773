package dev.bastion.tls.crypto;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.testutil.NamedHex;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A TLS session recorded with OpenSSL (see {@code openssl/record.sh} in the test resources):
 * its handshake messages, key log secrets and raw byte streams, plus a record splitter and
 * AEAD record decryption written straight from the RFCs with the JDK's ciphers, used only to
 * check derived keys against ciphertext OpenSSL produced.
 */
final class RecordedSession {
    static final int CHANGE_CIPHER_SPEC = 20;
    static final int HANDSHAKE = 22;
    static final int APPLICATION_DATA = 23;

    /** One TLS record: header (5 bytes) and fragment. */
    record Record(int type, byte[] header, byte[] fragment) {
    }

    final NamedHex values;

    RecordedSession(String resource) {
        this.values = NamedHex.load(resource);
    }

    /** The handshake messages in the order they were sent, with their entry names. */
    List<String> handshakeNames() {
        return values.names().stream().filter(n -> n.startsWith("handshake_")).toList();
    }

    byte[] get(String name) {
        return values.get(name);
    }

    /** The entry whose name ends with {@code suffix} (e.g. "_client_hello"). */
    byte[] message(String suffix) {
        return get(handshakeNames().stream().filter(n -> n.endsWith(suffix)).findFirst()
                .orElseThrow(() -> new AssertionError("no handshake message *" + suffix)));
    }

    /** Hello.random: the 32 bytes after the 4-byte header and the 2-byte version. */
    static byte[] random(byte[] hello) {
        return Arrays.copyOfRange(hello, 6, 38);
    }

    /** Finished.verify_data: the message body. */
    static byte[] body(byte[] message) {
        return Arrays.copyOfRange(message, 4, message.length);
    }

    List<Record> records(String direction) {
        Reader r = Reader.of(get("wire_" + direction));
        List<Record> out = new ArrayList<>();
        while (r.hasRemaining()) {
            int start = r.position();
            int type = r.u8("type");
            r.u16("version");
            byte[] fragment = r.opaque16(0, 0x4800, "fragment");
            byte[] all = r.consumedSince(start);
            out.add(new Record(type, Arrays.copyOf(all, 5), fragment));
        }
        return out;
    }

    /** The records after the sender's ChangeCipherSpec: everything that is protected. */
    List<Record> protectedRecords(String direction) {
        List<Record> all = records(direction);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).type() == CHANGE_CIPHER_SPEC) {
                return all.subList(i + 1, all.size());
            }
        }
        throw new AssertionError("no ChangeCipherSpec from " + direction);
    }

    /** TLS 1.2 AEAD record (RFC 5246 §6.2.3.3, RFC 5288 §3, RFC 7905 §2). */
    static byte[] open12(TrafficKeys keys, long seq, Record rec) throws Exception {
        byte[] f = rec.fragment();
        byte[] nonce;
        byte[] ciphertext;
        if (keys.aead() == AeadAlgorithm.CHACHA20_POLY1305) {
            nonce = xorSeq(keys.iv(), seq);
            ciphertext = f;
        } else {
            nonce = new byte[12];
            System.arraycopy(keys.iv(), 0, nonce, 0, 4);
            System.arraycopy(f, 0, nonce, 4, 8);
            ciphertext = Arrays.copyOfRange(f, 8, f.length);
        }
        int plainLength = ciphertext.length - 16;
        byte[] aad = ByteBuffer.allocate(13).putLong(seq).put((byte) rec.type()).put((byte) 3).put((byte) 3)
                .putShort((short) plainLength).array();
        return open(keys, nonce, aad, ciphertext);
    }

    /** TLS 1.3 record (RFC 8446 §5.2-5.3): returns TLSInnerPlaintext (content, type, zeros). */
    static byte[] open13(TrafficKeys keys, long seq, Record rec) throws Exception {
        return open(keys, xorSeq(keys.iv(), seq), rec.header(), rec.fragment());
    }

    /** TLSInnerPlaintext without padding and type: the content. */
    static byte[] content13(byte[] inner, int expectedType) {
        int end = inner.length - 1;
        while (inner[end] == 0) {
            end--;
        }
        if (inner[end] != expectedType) {
            throw new AssertionError("inner content type " + inner[end] + ", expected " + expectedType);
        }
        return Arrays.copyOf(inner, end);
    }

    private static byte[] xorSeq(byte[] iv, long seq) {
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));
        }
        return nonce;
    }

    private static byte[] open(TrafficKeys keys, byte[] nonce, byte[] aad, byte[] ciphertext) throws Exception {
        Cipher c;
        if (keys.aead() == AeadAlgorithm.CHACHA20_POLY1305) {
            c = Cipher.getInstance("ChaCha20-Poly1305");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.key(), "ChaCha20"), new IvParameterSpec(nonce));
        } else {
            c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.key(), "AES"), new GCMParameterSpec(128, nonce));
        }
        c.updateAAD(aad);
        return c.doFinal(ciphertext);
    }
}
