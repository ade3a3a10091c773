package dev.bastion.tls.connection.config;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The charset that turns an application's ALPN names into the bytes on the wire and back: the
 * security property {@code jdk.tls.alpnCharset}, ISO-8859-1 when it is unset or empty (the
 * JDK's default and SunJSSE's rule, {@code AlpnExtension}).
 *
 * <p>Inside the handshake a name is always its wire bytes read as ISO-8859-1, one char per byte,
 * so comparisons are exact; the names change form only where the application hands them in or
 * reads them out ({@link #toWire}, {@link #fromWire}).
 */
public final class AlpnCharset {
    public static final String PROPERTY = "jdk.tls.alpnCharset";

    private AlpnCharset() {
    }

    /**
     * The charset {@code value} names; ISO-8859-1 for null or empty; empty when no charset of
     * that name exists in this JVM.
     */
    static Optional<Charset> parse(String value) {
        String name = value == null ? "" : NameList.unquote(value).trim();
        if (name.isEmpty()) {
            return Optional.of(StandardCharsets.ISO_8859_1);
        }
        try {
            return Charset.isSupported(name) ? Optional.of(Charset.forName(name)) : Optional.empty();
        } catch (IllegalCharsetNameException e) {
            return Optional.empty();
        }
    }

    /** The application's name as the handshake holds it (its bytes in {@code charset}, as ISO-8859-1). */
    public static String toWire(String name, Charset charset) {
        if (charset.equals(StandardCharsets.ISO_8859_1)) {
            return name;
        }
        return new String(name.getBytes(charset), StandardCharsets.ISO_8859_1);
    }

    public static List<String> toWire(List<String> names, Charset charset) {
        return charset.equals(StandardCharsets.ISO_8859_1) ? List.copyOf(names)
                : names.stream().map(n -> toWire(n, charset)).toList();
    }

    /** The name the application sees for a name as the handshake holds it; null stays null. */
    public static String fromWire(String wire, Charset charset) {
        if (wire == null || charset.equals(StandardCharsets.ISO_8859_1)) {
            return wire;
        }
        return new String(wire.getBytes(StandardCharsets.ISO_8859_1), charset);
    }

    public static List<String> fromWire(List<String> wire, Charset charset) {
        return charset.equals(StandardCharsets.ISO_8859_1) ? List.copyOf(wire)
                : wire.stream().map(w -> fromWire(w, charset)).toList();
    }
}
