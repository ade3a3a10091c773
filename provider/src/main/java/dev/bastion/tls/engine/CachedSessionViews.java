package dev.bastion.tls.engine;

import dev.bastion.tls.codec.IdentityMemo;
import dev.bastion.tls.codec.SharedLists;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.SignatureScheme;
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
 * certificates, the server name the client asked for, the signature algorithms of both sides
 * (JCA names, as the handshake session showed them; SunJSSE's cached sessions keep them too),
 * SunJSSE's buffer sizes. The group belongs to a handshake, not to a cached session, and is
 * left empty.
 */
public final class CachedSessionViews implements SessionViews {
    /** The one instance. */
    public static final CachedSessionViews INSTANCE = new CachedSessionViews();

    /** JCA names of the RFC names a cached session keeps; the lists are shared by content, so few are built. */
    private static final IdentityMemo<List<String>, List<String>> JCA_NAMES = new IdentityMemo<>(8,
            (names, unused) -> SharedLists.of(names.stream().map(SignatureScheme::fromName).flatMap(Optional::stream)
                    .map(SignatureScheme::jcaAlgorithm).toList()));

    private CachedSessionViews() {
    }

    @Override
    public SessionParameters parameters(SessionState s) {
        boolean tls13 = s.version() == SessionState.TLS13;
        Optional<CipherSuite> cs = CipherSuite.fromCode(s.cipherSuite());
        String suite = cs.map(CipherSuite::jsseName).orElse(String.format("0x%04X", s.cipherSuite()));
        List<SNIServerName> names = s.serverName().isEmpty() ? List.of() : List.of(new SNIHostName(s.serverName()));
        return new SessionParameters(tls13 ? "TLSv1.3" : "TLSv1.2", suite, "", s.localCertificates(),
                s.peerCertificates(), names, jcaNames(s.localSignatureSchemes()),
                jcaNames(s.peerSignatureSchemes()), SessionParameters.DEFAULT_PACKET_BUFFER_SIZE,
                EngineSessions.applicationBufferSize(s.version(), cs), false);
    }

    private static List<String> jcaNames(List<String> rfcNames) {
        return rfcNames.isEmpty() ? List.of() : JCA_NAMES.get(rfcNames, 0);
    }
}
