package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.testutil.Hex;

/** Hand-built wire bytes for hostile-input tests. */
final class Wire {
    private Wire() {
    }

    /** One extension: type, u16 length, data (hex). */
    static byte[] ext(int type, String dataHex) {
        byte[] data = Hex.bytes(dataHex);
        return new Writer().u16(type).opaque16(data).toByteArray();
    }

    /** An extensions block (u16 length prefix) holding {@code extensions}. */
    static byte[] block(byte[]... extensions) {
        return new Writer().vec16(w -> {
            for (byte[] e : extensions) {
                w.bytes(e);
            }
        }).toByteArray();
    }

    /** A ClientHello body (TLS 1.2 version, zero random, no session id, suite 0x1301, null compression) + block. */
    static byte[] clientHelloBody(byte[] block) {
        return new Writer().u16(0x0303).bytes(new byte[32]).u8(0).u16(2).u16(0x1301).u8(1).u8(0).bytes(block)
                .toByteArray();
    }

    /** A ServerHello body (random {@code random}, no session id, suite 0x1301, null compression) + block. */
    static byte[] serverHelloBody(byte[] random, byte[] block) {
        return new Writer().u16(0x0303).bytes(random).u8(0).u16(0x1301).u8(0).bytes(block).toByteArray();
    }
}
