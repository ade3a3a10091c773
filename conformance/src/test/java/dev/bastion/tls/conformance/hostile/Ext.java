package dev.bastion.tls.conformance.hostile;

import java.util.function.Consumer;

/**
 * One extension written by hand: {@code extension_type} and a builder for
 * {@code extension_data}, whose length vector is named {@code "ext:<code>"} so a scenario can lie
 * about it (RFC 8446 §4.2).
 */
record Ext(int code, Consumer<Bytes> data) {

    static Ext of(int code, byte[] data) {
        return new Ext(code, b -> b.raw(data));
    }

    static String lengthName(int code) {
        return "ext:" + code;
    }

    void encode(Bytes out) {
        out.u16(code).vec16(lengthName(code), data);
    }
}
