package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * certificate_authorities (RFC 8446 §4.2.4): {@code DistinguishedName authorities<3..2^16-1>},
 * {@code opaque DistinguishedName<1..2^16-1>} (DER X.501 names, kept as bytes).
 */
public record CertificateAuthorities(List<Opaque> authorities) implements Extension {
    public CertificateAuthorities {
        authorities = checkNames(authorities, 1);
    }

    public static CertificateAuthorities decode(Reader data) {
        return new CertificateAuthorities(readNames(data, 3, "authorities"));
    }

    /**
     * Reads {@code DistinguishedName field<min..2^16-1>}; shared with the TLS 1.2
     * CertificateRequest (RFC 5246 §7.4.4, {@code certificate_authorities<0..2^16-1>}).
     */
    public static List<Opaque> readNames(Reader r, int min, String field) {
        Reader list = r.vec16(min, 0xFFFF, field);
        List<Opaque> out = new ArrayList<>();
        while (list.hasRemaining()) {
            out.add(Opaque.read16(list, 1, 0xFFFF, "DistinguishedName"));
        }
        return List.copyOf(out);
    }

    /** Writes a list read by {@link #readNames}. */
    public static void writeNames(Writer w, List<Opaque> names) {
        w.vec16(v -> names.forEach(n -> n.write16(v)));
    }

    /** An immutable copy, checking each name is 1..65535 bytes and there are at least {@code min}. */
    public static List<Opaque> checkNames(List<Opaque> names, int min) {
        List<Opaque> copy = List.copyOf(names);
        if (copy.size() < min) {
            throw new IllegalArgumentException("need at least " + min + " DistinguishedName(s)");
        }
        for (Opaque n : copy) {
            if (n.isEmpty() || n.length() > 0xFFFF) {
                throw new IllegalArgumentException("DistinguishedName length must be 1..65535: " + n.length());
            }
        }
        return copy;
    }

    @Override
    public int code() {
        return ExtensionType.CERTIFICATE_AUTHORITIES.code();
    }

    @Override
    public void encodeData(Writer out) {
        writeNames(out, authorities);
    }

    @Override
    public String toString() {
        return "certificate_authorities" + authorities;
    }
}
