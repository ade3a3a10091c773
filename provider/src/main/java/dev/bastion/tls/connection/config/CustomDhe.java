package dev.bastion.tls.connection.config;

import dev.bastion.tls.crypto.DhParameters;
import dev.bastion.tls.diag.Trace;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The security property {@code jdk.tls.server.defaultDHEParameters}: DH groups a server uses for
 * DHE with a client that lists no FFDHE group, by prime size, instead of the RFC 7919 group of
 * that size. The JDK's syntax: {@code {p,g}} pairs of hexadecimal numbers separated by commas,
 * whitespace ignored, the whole value optionally in double quotes; a value not of that form
 * defines nothing.
 *
 * <p>Stricter than SunJSSE, which only tests p for primality: a group is used only when p is a
 * safe prime (p and (p-1)/2 pass {@code BigInteger.isProbablePrime(120)}, SunJSSE's certainty),
 * has between {@code minimumBits} (2048, or what {@code jdk.tls.disabledAlgorithms} asks) and
 * {@link DhParameters#MAX_PRIME_BITS} bits, and g lies in [2, p-2]. Any other group is ignored
 * with a warning (logger {@code dev.bastion.tls.config}), and the RFC 7919 group serves that size.
 * Checked once per value and minimum: contexts made later reuse the answer.
 */
final class CustomDhe {
    static final String PROPERTY = "jdk.tls.server.defaultDHEParameters";
    private static final Trace TRACE = Trace.get("config");
    private static final int CERTAINTY = 120;
    private static final Pattern SYNTAX = Pattern.compile("(\\{[0-9A-Fa-f]+,[0-9A-Fa-f]+})(,\\{[0-9A-Fa-f]+,[0-9A-Fa-f]+})*");
    private static final Pattern PAIR = Pattern.compile("\\{([0-9A-Fa-f]+),([0-9A-Fa-f]+)}");

    private record Memo(String value, int minimumBits, Map<Integer, DhParameters> groups) {
    }

    private static volatile Memo last;

    private CustomDhe() {
    }

    /** The usable groups {@code value} defines, by prime size in bits; empty for null or blank. */
    static Map<Integer, DhParameters> parse(String value, int minimumBits) {
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        Memo m = last;
        if (m != null && m.value().equals(value) && m.minimumBits() == minimumBits) {
            return m.groups();
        }
        Map<Integer, DhParameters> groups = check(value, minimumBits);
        last = new Memo(value, minimumBits, groups);
        return groups;
    }

    private static Map<Integer, DhParameters> check(String value, int minimumBits) {
        String v = NameList.unquote(value).replaceAll("\\s+", "");
        if (!SYNTAX.matcher(v).matches()) {
            TRACE.warning(() -> PROPERTY + " is not of the form {p,g},{p,g}... in hexadecimal; ignored");
            return Map.of();
        }
        Map<Integer, DhParameters> out = new HashMap<>();
        Matcher pair = PAIR.matcher(v);
        while (pair.find()) {
            BigInteger p = new BigInteger(pair.group(1), 16);
            BigInteger g = new BigInteger(pair.group(2), 16);
            String why = refusal(p, g, minimumBits);
            if (why != null) {
                String shortP = pair.group(1).length() > 16 ? pair.group(1).substring(0, 16) + "..." : pair.group(1);
                TRACE.warning(() -> PROPERTY + ": ignoring the group with p=" + shortP + " (" + p.bitLength() + " bits): "
                        + why);
                continue;
            }
            out.put(p.bitLength(), new DhParameters(p, g));
        }
        return Map.copyOf(out);
    }

    /** Why (p, g) may not be used; null when it may. */
    private static String refusal(BigInteger p, BigInteger g, int minimumBits) {
        int bits = p.bitLength();
        if (bits < minimumBits) {
            return "shorter than " + minimumBits + " bits";
        }
        if (bits > DhParameters.MAX_PRIME_BITS) {
            return "longer than " + DhParameters.MAX_PRIME_BITS + " bits";
        }
        BigInteger two = BigInteger.TWO;
        if (g.compareTo(two) < 0 || g.compareTo(p.subtract(two)) > 0) {
            return "the generator is not in [2, p-2]";
        }
        if (!p.isProbablePrime(CERTAINTY)) {
            return "p is not a prime";
        }
        if (!p.shiftRight(1).isProbablePrime(CERTAINTY)) {
            return "p is not a safe prime ((p-1)/2 is not a prime)";
        }
        return null;
    }
}
