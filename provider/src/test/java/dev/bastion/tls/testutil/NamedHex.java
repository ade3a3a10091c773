package dev.bastion.tls.testutil;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named hex values from a test resource: {@code name (N octets) =} followed by indented hex
 * lines, {@code #} comments. The octet count is checked, so a truncated paste fails loudly.
 */
public final class NamedHex {
    private static final Pattern HEADER = Pattern.compile("^(\\w+) \\((\\d+) octets\\) =\\s*$");

    private final String resource;
    private final Map<String, byte[]> values;

    private NamedHex(String resource, Map<String, byte[]> values) {
        this.resource = resource;
        this.values = values;
    }

    public static NamedHex load(String resource) {
        try (InputStream in = NamedHex.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new NamedHex(resource, parse(resource, new BufferedReader(new InputStreamReader(in,
                    StandardCharsets.US_ASCII))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value (a fresh copy). */
    public byte[] get(String name) {
        byte[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(resource + " has no entry " + name);
        }
        return v.clone();
    }

    /** Entry names in file order. */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    private static Map<String, byte[]> parse(String resource, BufferedReader r) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        String name = null;
        int expected = 0;
        StringBuilder hex = new StringBuilder();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = HEADER.matcher(line);
            if (m.matches()) {
                put(resource, out, name, expected, hex);
                name = m.group(1);
                expected = Integer.parseInt(m.group(2));
                hex.setLength(0);
            } else if (Character.isWhitespace(line.charAt(0)) && name != null) {
                hex.append(line);
            } else {
                throw new IllegalArgumentException(resource + ": cannot parse line: " + line);
            }
        }
        put(resource, out, name, expected, hex);
        return out;
    }

    private static void put(String resource, Map<String, byte[]> out, String name, int expected, CharSequence hex) {
        if (name == null) {
            return;
        }
        byte[] v = Hex.bytes(hex.toString());
        if (v.length != expected) {
            throw new IllegalArgumentException(resource + ": " + name + " has " + v.length + " octets, header says "
                    + expected);
        }
        if (out.put(name, v) != null) {
            throw new IllegalArgumentException(resource + ": duplicate entry " + name);
        }
    }
}
