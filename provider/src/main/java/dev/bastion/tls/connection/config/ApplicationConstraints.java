package dev.bastion.tls.connection.config;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import java.security.AlgorithmConstraints;
import java.security.CryptoPrimitive;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The {@link AlgorithmConstraints} an application set on an engine or socket
 * ({@code SSLParameters.setAlgorithmConstraints}), applied to what a handshake may use, on top
 * of {@code jdk.tls.disabledAlgorithms}: a cipher suite by its standard name (key agreement),
 * a named group by its name (key agreement), a signature scheme by its TLS name and by its JCA
 * algorithm name (signature). Key sizes are not asked here: the constraints see the
 * certificates' keys through the application's trust manager, to which the engine or socket is
 * passed.
 */
final class ApplicationConstraints {
    private static final Set<CryptoPrimitive> KEY_AGREEMENT = EnumSet.of(CryptoPrimitive.KEY_AGREEMENT);
    private static final Set<CryptoPrimitive> SIGNATURE = EnumSet.of(CryptoPrimitive.SIGNATURE);

    private ApplicationConstraints() {
    }

    static List<CipherSuite> suites(AlgorithmConstraints c, List<CipherSuite> suites) {
        return suites.stream().filter(s -> c.permits(KEY_AGREEMENT, s.jsseName(), null)).toList();
    }

    static List<NamedGroup> groups(AlgorithmConstraints c, List<NamedGroup> groups) {
        return groups.stream().filter(g -> c.permits(KEY_AGREEMENT, g.jsseName(), null)).toList();
    }

    static List<SignatureScheme> schemes(AlgorithmConstraints c, List<SignatureScheme> schemes) {
        return schemes.stream()
                .filter(s -> c.permits(SIGNATURE, s.rfcName(), null) && c.permits(SIGNATURE, s.jcaAlgorithm(), null))
                .toList();
    }
}
