package dev.bastion.tls.engine;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.session.SessionParameters;
import dev.bastion.tls.session.SessionState;
import dev.bastion.tls.session.SessionViews;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;

/**
 * How a cached session looks to an application that finds it through
 * {@code SSLSessionContext.getSession(id)}: protocol and suite by their standard names, the
 * certificates, the server name the client asked for, SunJSSE's buffer sizes. The group and the
 * signature algorithms belong to handshakes, not to cached sessions, and are left empty.
 */
public final class CachedSessionViews implements SessionViews {
    /** The one instance. */
    public static final CachedSessionViews INSTANCE = new CachedSessionViews();

    private CachedSessionViews() {
    }

    @Override
    public SessionParameters parameters(SessionState s) {
        boolean tls13 = s.version() == SessionState.TLS13;
        Optional<CipherSuite> cs = CipherSuite.fromCode(s.cipherSuite());
        String suite = cs.map(CipherSuite::jsseName).orElse(String.format("0x%04X", s.cipherSuite()));
        List<SNIServerName> names = s.serverName().isEmpty() ? List.of() : List.of(new SNIHostName(s.serverName()));
        return new SessionParameters(tls13 ? "TLSv1.3" : "TLSv1.2", suite, "", s.localCertificates(),
                s.peerCertificates(), names, List.of(), List.of(), SessionParameters.DEFAULT_PACKET_BUFFER_SIZE,
                EngineSessions.applicationBufferSize(s.version(), cs), false);
    }
}
