package dev.bastion.tls.connection.config;

import java.util.Arrays;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One entry of {@code jdk.tls.disabledAlgorithms} (syntax in the JDK's {@code java.security}
 * file): an algorithm name, possibly with a {@code *} wildcard ({@code TLS_RSA_*}), and
 * constraints joined by {@code &}.
 *
 * <ul>
 * <li>No constraint: the algorithm is disabled everywhere.</li>
 * <li>{@code keySize <op> n}: keys of that algorithm are refused when the comparison holds.</li>
 * <li>{@code usage HandshakeSignature} / {@code usage CertificateSignature}: a signature
 *     scheme is refused only in that use.</li>
 * <li>Any other constraint ({@code jdkCA}, {@code denyAfter}, other usages) belongs to
 *     certificate path checking, which the trust manager does; Bastion does not apply such an
 *     entry at all ({@link #otherConstraints}).</li>
 * </ul>
 *
 * @param algorithm the name as written
 * @param keySizeOp the comparison of a {@code keySize} constraint ({@code "<"} ...), or null
 * @param keySize the bound of a {@code keySize} constraint
 * @param usages the words of a {@code usage} constraint; empty for none
 * @param otherConstraints whether the entry carries a constraint Bastion does not evaluate
 */
public record AlgorithmConstraint(String algorithm, String keySizeOp, int keySize, Set<String> usages,
        boolean otherConstraints) {
    private static final Set<String> OPS = Set.of("<", "<=", "==", "!=", ">=", ">");

    public AlgorithmConstraint {
        usages = Set.copyOf(usages);
    }

    /**
     * Parses one entry (without the separating commas).
     *
     * @throws IllegalArgumentException for a malformed {@code keySize} constraint
     */
    public static AlgorithmConstraint parse(String entry) {
        String[] parts = entry.trim().split("&");
        String[] first = parts[0].trim().split("\\s+", 2);
        String algorithm = first[0];
        String op = null;
        int size = 0;
        Set<String> usages = Set.of();
        boolean other = false;
        for (int i = 0; i < parts.length; i++) {
            String c = i == 0 ? (first.length > 1 ? first[1].trim() : "") : parts[i].trim();
            if (c.isEmpty()) {
                continue;
            }
            String[] words = c.split("\\s+");
            if (words[0].equalsIgnoreCase("keySize") && words.length == 3 && OPS.contains(words[1])) {
                op = words[1];
                size = Integer.parseInt(words[2]);
            } else if (words[0].equalsIgnoreCase("keySize")) {
                throw new IllegalArgumentException("malformed keySize constraint: " + c);
            } else if (words[0].equalsIgnoreCase("usage") && words.length > 1) {
                usages = Set.of(Arrays.copyOfRange(words, 1, words.length));
                other |= !usages.stream().allMatch(u -> u.equals("HandshakeSignature") || u.equals("CertificateSignature"));
            } else {
                other = true;
            }
        }
        return new AlgorithmConstraint(algorithm, op, size, usages, other);
    }

    /** Disables the algorithm everywhere. */
    public boolean unconditional() {
        return keySizeOp == null && usages.isEmpty() && !otherConstraints;
    }

    /** Whether this entry names {@code name} (case-insensitive; {@code *} matches any run of characters). */
    public boolean names(String name) {
        if (algorithm.indexOf('*') < 0) {
            return algorithm.equalsIgnoreCase(name);
        }
        StringBuilder regex = new StringBuilder();
        for (String piece : algorithm.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(piece));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(name).matches();
    }

    /** Whether a key of {@code bits} bits is refused by this entry's {@code keySize} constraint. */
    public boolean refusesSize(OptionalInt bits) {
        if (keySizeOp == null || otherConstraints || !usages.isEmpty() || bits.isEmpty()) {
            return false;
        }
        int b = bits.getAsInt();
        switch (keySizeOp) {
            case "<":
                return b < keySize;
            case "<=":
                return b <= keySize;
            case "==":
                return b == keySize;
            case "!=":
                return b != keySize;
            case ">=":
                return b >= keySize;
            default:
                return b > keySize;
        }
    }

    /** Whether this entry refuses a signature scheme used for handshake signatures or in certificates. */
    public boolean refusesSignatureUse(boolean handshake) {
        if (otherConstraints || keySizeOp != null) {
            return false;
        }
        return usages.isEmpty() || usages.contains(handshake ? "HandshakeSignature" : "CertificateSignature");
    }

    @Override
    public String toString() {
        return algorithm + (keySizeOp == null ? "" : " keySize " + keySizeOp + " " + keySize)
                + (usages.isEmpty() ? "" : " usage " + String.join(" ", usages))
                + (otherConstraints ? " (+ constraints Bastion does not evaluate)" : "");
    }
}
