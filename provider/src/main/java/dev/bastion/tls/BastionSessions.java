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

    /**
     * Whether the handshake that made this session resumed it (an abbreviated TLS 1.2
     * handshake, by session id or ticket, or a TLS 1.3 handshake with a ticket's PSK) rather than
     * running a full one; empty for sessions of other providers.
     */
    public static Optional<Boolean> resumed(SSLSession session) {
        if (session instanceof BastionSession b) {
            return Optional.of(b.resumed());
        }
        return Optional.empty();
    }
}
