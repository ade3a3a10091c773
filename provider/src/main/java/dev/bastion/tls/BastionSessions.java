package dev.bastion.tls;

import dev.bastion.tls.session.BastionSession;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * What a Bastion session knows beyond the {@code SSLSession} interface. Every method accepts
 * any session and answers empty for sessions of other providers (or wrappers around ours).
 */
public final class BastionSessions {
    private BastionSessions() {
    }

    /**
     * The key exchange group the connection agreed, by its standard name
     * ({@code "X25519MLKEM768"}, {@code "x25519"}, {@code "secp256r1"}, ...).
     */
    public static Optional<String> namedGroup(SSLSession session) {
        if (session instanceof BastionSession b) {
            String g = b.parameters().namedGroup();
            return g.isEmpty() ? Optional.empty() : Optional.of(g);
        }
        return Optional.empty();
    }
}
