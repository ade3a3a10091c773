package dev.bastion.tls.engine;

import dev.bastion.tls.connection.HandshakerFactory;
import dev.bastion.tls.connection.config.TlsPolicy;
import dev.bastion.tls.diag.KeyLog;
import dev.bastion.tls.session.SessionContext;
import java.security.SecureRandom;
import java.util.Objects;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What every engine of one {@code SSLContext} shares: the policy read from the properties,
 * the key and trust managers, the randomness, the key log, the session contexts and the
 * handshake implementation, and the server's OCSP stapling.
 *
 * @param trustManager null when the context has no X.509 trust manager (every chain is then
 *     refused with {@code certificate_unknown})
 */
public record EngineContext(
        TlsPolicy policy,
        X509ExtendedKeyManager keyManager,
        X509ExtendedTrustManager trustManager,
        SecureRandom random,
        KeyLog keyLog,
        SessionContext clientSessions,
        SessionContext serverSessions,
        HandshakerFactory handshakers,
        OcspStapler stapler) {

    public EngineContext {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(keyManager, "keyManager");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(keyLog, "keyLog");
        Objects.requireNonNull(clientSessions, "clientSessions");
        Objects.requireNonNull(serverSessions, "serverSessions");
        Objects.requireNonNull(handshakers, "handshakers");
        Objects.requireNonNull(stapler, "stapler");
    }
}
