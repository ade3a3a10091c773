package dev.bastion.tls.connection.config;

import dev.bastion.tls.crypto.AeadAlgorithm;
import dev.bastion.tls.diag.Trace;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The security property {@code jdk.tls.keyLimits}: how many bytes one TLS 1.3 traffic key may
 * protect before a KeyUpdate (RFC 8446 §5.5). Syntax as in the JDK's {@code java.security}:
 * {@code AES/GCM/NoPadding KeyUpdate 2^37, ChaCha20-Poly1305 KeyUpdate 2^37}; a length is a
 * decimal number or {@code 2^n} (n ≤ 62). Only the {@code KeyUpdate} action exists. Unknown
 * algorithms and malformed entries are ignored with a warning. An unset property means no
 * byte limit; the record-count limit of {@code RecordLimits} still applies.
 */
public final class KeyLimits {
    /** The security property. */
    public static final String PROPERTY = "jdk.tls.keyLimits";

    /** No byte limits. */
    public static final KeyLimits NONE = new KeyLimits(new EnumMap<>(AeadAlgorithm.class));

    private static final Trace TRACE = Trace.get("config");

    private final Map<AeadAlgorithm, Long> limits;

    private KeyLimits(Map<AeadAlgorithm, Long> limits) {
        this.limits = limits;
    }

    /** Parses the property's value; null or blank gives {@link #NONE}. */
    public static KeyLimits parse(String value) {
        String v = NameList.unquote(value);
        EnumMap<AeadAlgorithm, Long> out = new EnumMap<>(AeadAlgorithm.class);
        if (v == null || v.isBlank()) {
            return new KeyLimits(out);
        }
        for (String raw : v.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            String[] w = entry.split("\\s+");
            long bytes = w.length == 3 && w[1].equals("KeyUpdate") ? length(w[2]) : -1;
            if (bytes <= 0) {
                TRACE.warning(() -> "ignoring malformed entry '" + entry + "' in " + PROPERTY);
                continue;
            }
            switch (w[0].toUpperCase(java.util.Locale.ROOT)) {
                case "AES/GCM/NOPADDING":
                    out.put(AeadAlgorithm.AES_128_GCM, bytes);
                    out.put(AeadAlgorithm.AES_256_GCM, bytes);
                    break;
                case "CHACHA20-POLY1305":
                    out.put(AeadAlgorithm.CHACHA20_POLY1305, bytes);
                    break;
                default:
                    TRACE.warning(() -> "ignoring unknown cipher '" + w[0] + "' in " + PROPERTY);
            }
        }
        return new KeyLimits(out);
    }

    /** Bytes one key of {@code aead} may protect; empty for no limit. */
    public OptionalLong limit(AeadAlgorithm aead) {
        Long l = limits.get(aead);
        return l == null ? OptionalLong.empty() : OptionalLong.of(l);
    }

    @Override
    public String toString() {
        return "KeyLimits" + limits;
    }

    private static long length(String s) {
        try {
            if (s.startsWith("2^")) {
                int n = Integer.parseInt(s.substring(2));
                return n >= 0 && n <= 62 ? 1L << n : -1;
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
