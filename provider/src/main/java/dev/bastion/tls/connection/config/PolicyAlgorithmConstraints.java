package dev.bastion.tls.connection.config;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code getSSLParameters().getAlgorithmConstraints()} reports when the application set
 * none: {@code jdk.tls.disabledAlgorithms} as this context read it (SunJSSE reports its own
 * {@code SSLAlgorithmConstraints} rather than null, and code that asks it, such as
 * {@code permits(SIGNATURE, "MD5withRSA", null)}, must not meet a null). Handed back through
 * {@code setSSLParameters} it stands for "none set", so a handshake does not check the same
 * entries twice.
 *
 * <p>A name is refused when an entry disables it or, for composite names such as
 * {@code SHA1withRSA} or {@code RSA/ECB/PKCS1Padding}, one of its parts (with the hash's
 * hyphenated alias, {@code SHA-1} for {@code SHA1}); TLS names (protocols, cipher suites, named
 * groups, signature schemes) are checked as the handshake checks them.
 */
public final class PolicyAlgorithmConstraints implements AlgorithmConstraints {
    private static final Pattern PARTS = Pattern.compile("with|and|/|_", Pattern.CASE_INSENSITIVE);
    private static final Pattern SHA = Pattern.compile("SHA-?(\\d+)", Pattern.CASE_INSENSITIVE);

    private final DisabledAlgorithms disabled;

    PolicyAlgorithmConstraints(DisabledAlgorithms disabled) {
        this.disabled = disabled;
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
        if (algorithm == null || algorithm.isEmpty()) {
            throw new IllegalArgumentException("no algorithm named");
        }
        Optional<Protocol> protocol = Protocol.fromName(algorithm);
        if (protocol.isPresent()) {
            return disabled.permits(protocol.get());
        }
        Optional<CipherSuite> suite = CipherSuite.fromJsseName(algorithm);
        if (suite.isPresent()) {
            return disabled.permits(suite.get());
        }
        Optional<NamedGroup> group = NamedGroup.fromName(algorithm);
        if (group.isPresent()) {
            return disabled.permits(group.get());
        }
        Optional<SignatureScheme> scheme = SignatureScheme.fromName(algorithm);
        if (scheme.isPresent()) {
            return disabled.permits(scheme.get(), true) && disabled.permits(scheme.get(), false);
        }
        if (!disabled.permitsName(algorithm)) {
            return false;
        }
        for (String part : PARTS.split(algorithm)) {
            if (!part.isEmpty() && !(disabled.permitsName(part) && disabled.permitsName(otherHashName(part)))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
        if (key == null) {
            throw new IllegalArgumentException("no key given");
        }
        return disabled.permits(key);
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
        return permits(primitives, algorithm, parameters) && permits(primitives, key);
    }

    /** {@code SHA1} as {@code SHA-1} and {@code SHA-1} as {@code SHA1} (so for each SHA); other names as they are. */
    private static String otherHashName(String part) {
        var m = SHA.matcher(part);
        if (!m.matches()) {
            return part;
        }
        return part.indexOf('-') < 0 ? "SHA-" + m.group(1) : "SHA" + m.group(1);
    }

    @Override
    public String toString() {
        return "jdk.tls.disabledAlgorithms " + disabled;
    }
}
