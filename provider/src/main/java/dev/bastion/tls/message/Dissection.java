package dev.bastion.tls.message;

import dev.bastion.tls.message.ext.Opaque;
import java.util.List;
import java.util.function.IntFunction;

/**
 * An indented text tree being written, in the shape of Wireshark's packet details pane: one
 * {@code Label: value} line per field, children four spaces deeper than their parent.
 * Only for the handshake trace; not thread-safe.
 */
final class Dissection {
    private static final String INDENT = "    ";

    private final StringBuilder out = new StringBuilder(512);
    private int depth;

    /** {@code label: value} at the current depth. */
    Dissection field(String label, Object value) {
        return line(label + ": " + value);
    }

    /** A line of text at the current depth. */
    Dissection line(String text) {
        if (out.length() > 0) {
            out.append('\n');
        }
        out.append(INDENT.repeat(depth)).append(text);
        return this;
    }

    /** A line that the following lines (until {@link #close()}) hang under. */
    Dissection open(String text) {
        line(text);
        depth++;
        return this;
    }

    Dissection close() {
        if (depth == 0) {
            throw new IllegalStateException("close without open");
        }
        depth--;
        return this;
    }

    /**
     * {@code Label Length: n} then {@code Label: <hex>} (the value line only when not empty;
     * long values abbreviated as {@link Opaque#toString()} does).
     */
    Dissection lengthAndBytes(String label, Opaque value) {
        field(label + " Length", value.length());
        return value.isEmpty() ? this : field(label, value);
    }

    /**
     * A list of codes: {@code Group Label (n items)} with one {@code Item Label: name} line each,
     * preceded by {@code Group Label Length: bytes} when {@code lengthBytes >= 0}.
     */
    Dissection codes(String groupLabel, String itemLabel, List<Integer> codes, int lengthBytes,
            IntFunction<String> namer) {
        if (lengthBytes >= 0) {
            field(groupLabel + " Length", lengthBytes);
        }
        open(groupLabel + " (" + codes.size() + (codes.size() == 1 ? " item)" : " items)"));
        for (int c : codes) {
            field(itemLabel, namer.apply(c));
        }
        return close();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
