package dev.bastion.tls.connection.config;

import java.security.AlgorithmConstraints;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;

/**
 * The settings of an engine or socket that a handshake's configuration is built from
 * ({@link HandshakeConfigs#build}): the part of {@link SSLParameters} a handshake reads,
 * without materialising an {@code SSLParameters} (which copies and validates every list) for
 * each handshake. The arrays are only read, never kept or changed, so an engine may pass its
 * own private arrays.
 *
 * @param protocols the enabled protocol names
 * @param cipherSuites the enabled cipher suite names
 * @param applicationProtocols the ALPN names, in preference order
 * @param serverNames the server names to request (client) or null for none
 * @param sniMatchers the SNI matchers (server) or null for none
 * @param useCipherSuitesOrder whether a server honours its own suite order
 * @param algorithmConstraints the application's constraints ({@code setAlgorithmConstraints}),
 *     or null for none
 * @param namedGroups the application's named groups ({@code SSLParameters.setNamedGroups}, Java
 *     20+), or null for the context's
 * @param signatureSchemes the application's signature schemes ({@code
 *     SSLParameters.setSignatureSchemes}, Java 19+), or null for the context's
 * @param maximumPacketSize {@code SSLParameters.setMaximumPacketSize}, 0 for none (a client asks for
 *     a max_fragment_length that fits it when {@code jsse.enableMFLNExtension} is true)
 */
public record EngineSettings(String[] protocols, String[] cipherSuites, String[] applicationProtocols,
        List<SNIServerName> serverNames, Collection<SNIMatcher> sniMatchers, boolean useCipherSuitesOrder,
        AlgorithmConstraints algorithmConstraints, String[] namedGroups, String[] signatureSchemes,
        int maximumPacketSize) {

    /** Settings without a maximum packet size. */
    public EngineSettings(String[] protocols, String[] cipherSuites, String[] applicationProtocols,
            List<SNIServerName> serverNames, Collection<SNIMatcher> sniMatchers, boolean useCipherSuitesOrder,
            AlgorithmConstraints algorithmConstraints, String[] namedGroups, String[] signatureSchemes) {
        this(protocols, cipherSuites, applicationProtocols, serverNames, sniMatchers, useCipherSuitesOrder,
                algorithmConstraints, namedGroups, signatureSchemes, 0);
    }

    /** Settings with the context's named groups and signature schemes. */
    public EngineSettings(String[] protocols, String[] cipherSuites, String[] applicationProtocols,
            List<SNIServerName> serverNames, Collection<SNIMatcher> sniMatchers, boolean useCipherSuitesOrder,
            AlgorithmConstraints algorithmConstraints) {
        this(protocols, cipherSuites, applicationProtocols, serverNames, sniMatchers, useCipherSuitesOrder,
                algorithmConstraints, null, null);
    }

    /** The settings of {@code params}. */
    public static EngineSettings of(SSLParameters params) {
        return new EngineSettings(params.getProtocols(), params.getCipherSuites(), params.getApplicationProtocols(),
                params.getServerNames(), params.getSNIMatchers(), params.getUseCipherSuitesOrder(),
                params.getAlgorithmConstraints(), NewerSslParameters.namedGroups(params),
                NewerSslParameters.signatureSchemes(params), params.getMaximumPacketSize());
    }
}
