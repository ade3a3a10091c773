package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * application_layer_protocol_negotiation (RFC 7301 §3.1):
 * {@code ProtocolName protocol_name_list<2..2^16-1>}, {@code opaque ProtocolName<1..2^8-1>}.
 * The server's list (EncryptedExtensions, TLS 1.2 ServerHello) "MUST contain exactly one
 * ProtocolName"; anything else is decode_error, as OpenSSL and Go treat it.
 */
public record Alpn(List<Opaque> protocols) implements Extension {
    public Alpn {
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("protocol_name_list must not be empty");
        }
        for (Opaque p : protocols) {
            if (p.isEmpty() || p.length() > 0xFF) {
                throw new IllegalArgumentException("ProtocolName length must be 1..255: " + p.length());
            }
        }
    }

    /** Names written as ISO-8859-1 bytes (one byte per char, as JSSE does). */
    public static Alpn of(String... names) {
        List<Opaque> out = new ArrayList<>();
        for (String n : names) {
            out.add(Opaque.of(n.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return new Alpn(out);
    }

    public static Alpn decode(Reader data, MessageKind kind) {
        Reader list = data.vec16(2, 0xFFFF, "protocol_name_list");
        List<Opaque> out = new ArrayList<>();
        while (list.hasRemaining()) {
            out.add(Opaque.read8(list, 1, 0xFF, "ProtocolName"));
        }
        boolean serverSide = kind == MessageKind.ENCRYPTED_EXTENSIONS || kind == MessageKind.SERVER_HELLO_12;
        if (serverSide && out.size() != 1) {
            throw TlsAlert.decodeError("application_layer_protocol_negotiation: the server's list has "
                    + out.size() + " names, must have exactly one (RFC 7301 §3.1)");
        }
        return new Alpn(out);
    }

    /** The names as ISO-8859-1 strings (lossless). */
    public List<String> protocolNames() {
        List<String> out = new ArrayList<>(protocols.size());
        for (Opaque p : protocols) {
            out.add(new String(p.toByteArray(), StandardCharsets.ISO_8859_1));
        }
        return List.copyOf(out);
    }

    @Override
    public int code() {
        return ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION.code();
    }

    @Override
    public void encodeData(Writer out) {
        out.vec16(w -> protocols.forEach(p -> p.write8(w)));
    }

    @Override
    public String toString() {
        return "alpn" + protocolNames();
    }
}
