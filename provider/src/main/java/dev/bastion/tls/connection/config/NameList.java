package dev.bastion.tls.connection.config;

import dev.bastion.tls.diag.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Parses the comma-separated name lists of the {@code jdk.tls.*} properties, as SunJSSE does:
 * blanks around names are ignored, one pair of surrounding double quotes is removed, names
 * keep their order, duplicates are dropped, and an unknown name is ignored with a warning
 * through {@link Trace}. What a list of nothing known means is the caller's choice, as in
 * SunJSSE: the defaults for suites and signature schemes, an unusable context for groups; and
 * a protocol name that is no protocol at all fails the context ({@link TlsPolicy}).
 */
public final class NameList {
    private static final Trace TRACE = Trace.get("config");

    private NameList() {
    }

    /**
     * The known values named by {@code value}, in order; empty when the property is unset or
     * blank (meaning "use the defaults").
     *
     * @param property the property's name, for the warning
     * @param lookup resolves one name; empty for an unknown name
     */
    public static <T> Optional<List<T>> parse(String property, String value, Function<String, Optional<T>> lookup) {
        String v = unquote(value);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        List<T> out = new ArrayList<>();
        for (String raw : v.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            Optional<T> found = lookup.apply(name);
            if (found.isEmpty()) {
                TRACE.warning(() -> "ignoring unknown or unsupported name '" + name + "' in " + property);
            } else if (!out.contains(found.get())) {
                out.add(found.get());
            }
        }
        return Optional.of(List.copyOf(out));
    }

    /** {@code value} without one pair of surrounding double quotes; null stays null. */
    static String unquote(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            v = v.substring(1, v.length() - 1).trim();
        }
        return v;
    }
}
