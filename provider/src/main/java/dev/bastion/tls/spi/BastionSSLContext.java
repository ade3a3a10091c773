package dev.bastion.tls.spi;

import dev.bastion.tls.connection.HandshakerFactory;
import dev.bastion.tls.connection.Handshakers;
import dev.bastion.tls.connection.config.PropertySource;
import dev.bastion.tls.connection.config.SessionSettings;
import dev.bastion.tls.connection.config.TlsPolicy;
import dev.bastion.tls.diag.KeyLog;
import dev.bastion.tls.engine.BastionEngine;
import dev.bastion.tls.engine.BastionServerSocketFactory;
import dev.bastion.tls.engine.BastionSocketFactory;
import dev.bastion.tls.engine.CachedSessionViews;
import dev.bastion.tls.connection.config.NewerSslParameters;
import dev.bastion.tls.engine.EngineContext;
import dev.bastion.tls.engine.OcspStapler;
import dev.bastion.tls.session.SessionContext;
import dev.bastion.tls.session.SessionParameters;
import dev.bastion.tls.trust.KeyManagers;
import dev.bastion.tls.trust.KeyStoreLoader;
import dev.bastion.tls.trust.TrustManagers;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * Bastion's {@code SSLContext} for the JCA names {@code "TLS"}, {@code "TLSv1.3"},
 * {@code "TLSv1.2"} and {@code "Default"}.
 *
 * <ul>
 * <li>{@code init(km, tm, random)} as SunJSSE: the first X.509 key manager (none: no keys, a
 *     server cannot authenticate), the first X.509 trust manager (null: Bastion's own
 *     {@link dev.bastion.tls.trust.PkixTrustManager} over {@code javax.net.ssl.trustStore*},
 *     {@code jssecacerts} or {@code cacerts}, never another provider's factory; an array without
 *     one: every peer chain is refused), {@code new SecureRandom()} for null.
 *     Plain {@code X509KeyManager}/{@code X509TrustManager}s are adapted (see
 *     {@link KeyManagers}, {@link TrustManagers}).</li>
 * <li>{@code "Default"} initialises itself on creation, with Bastion's key manager over
 *     {@code javax.net.ssl.keyStore*} (see {@link KeyStoreLoader}; a missing file, wrong password
 *     or unknown type fails the creation with a message naming the file); calling {@code init} on it is a
 *     {@link KeyManagementException} ("Default SSLContext is initialized automatically").</li>
 * <li>The {@code jdk.tls.*} and security properties are read when the context is initialised
 *     ({@link TlsPolicy}): {@code "TLS"}, {@code "TLSv1.3"} and {@code "Default"} enable
 *     TLSv1.3 and TLSv1.2; a {@code "TLSv1.2"} context's clients TLSv1.2, its servers both (as
 *     SunJSSE). As in SunJSSE, a {@code jdk.tls.client.protocols}/{@code jdk.tls.server.protocols}
 *     naming something that is no protocol fails the creation of a "TLS" or "Default" context
 *     ({@code SSLContext.getInstance} throws {@code NoSuchAlgorithmException} caused by an
 *     {@code IllegalArgumentException} naming the property and the name), and a
 *     {@code jdk.tls.namedGroups} naming no supported group fails the creation of every engine
 *     and socket with an {@code IllegalArgumentException}.</li>
 * <li>The socket factories make {@link dev.bastion.tls.engine.BastionSocket}s and
 *     {@link dev.bastion.tls.engine.BastionServerSocket}s over the same connection core as the
 *     engine.</li>
 * </ul>
 */
public final class BastionSSLContext extends SSLContextSpi {
    private final String protocol;
    private final PropertySource properties;
    private final HandshakerFactory handshakers;
    private final SessionContext clientSessions = SessionContext.client();
    private final SessionContext serverSessions = SessionContext.server();
    private volatile EngineContext context;

    /** A context for the JCA protocol name {@code protocol}, over the JVM's properties. */
    public BastionSSLContext(String protocol) {
        this(protocol, PropertySource.jvm(), Handshakers.STANDARD);
    }

    /**
     * For tests and embedding: explicit properties and handshake implementation.
     *
     * @throws IllegalStateException when the "Default" context cannot load its key or trust material
     * @throws IllegalArgumentException when {@code jdk.tls.client.protocols} or
     *     {@code jdk.tls.server.protocols} names something that is no protocol ("TLS" and
     *     "Default" contexts, as SunJSSE)
     */
    public BastionSSLContext(String protocol, PropertySource properties, HandshakerFactory handshakers) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.handshakers = Objects.requireNonNull(handshakers, "handshakers");
        TlsPolicy.checkProtocolProperties(properties, protocol);
        SessionSettings.initial(properties, clientSessions, serverSessions);
        clientSessions.setViews(CachedSessionViews.INSTANCE);
        serverSessions.setViews(CachedSessionViews.INSTANCE);
        if (isDefault()) {
            try {
                context = build(KeyStoreLoader.defaultKeyManagers(properties.system()), null, null);
            } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
                throw new IllegalStateException("cannot initialise the Default SSLContext: " + e.getMessage(), e);
            }
        }
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
        if (isDefault()) {
            throw new KeyManagementException("Default SSLContext is initialized automatically");
        }
        try {
            context = build(km, tm, random);
        } catch (GeneralSecurityException e) {
            throw new KeyManagementException("cannot load the default trust managers: " + e.getMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new KeyManagementException("cannot use the session ticket key file (" + SessionSettings.KEY_FILE
                    + "): " + e.getMessage(), e);
        }
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        return new BastionEngine(requireInit(), null, -1);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        return new BastionEngine(requireInit(), host, port);
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        return new BastionSocketFactory(requireInit());
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        return new BastionServerSocketFactory(requireInit());
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        return serverSessions;
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        return clientSessions;
    }

    /** The client side's defaults (what SunJSSE returns). */
    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        SSLEngine e = new BastionEngine(requireInit(), null, -1);
        e.setUseClientMode(true);
        return e.getSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        SSLEngine e = new BastionEngine(requireInit(), null, -1);
        SSLParameters p = new SSLParameters(e.getSupportedCipherSuites(), e.getSupportedProtocols());
        // SunJSSE's answers for what an engine can do: honour a server's suite order, 16709-byte packets
        p.setUseCipherSuitesOrder(true);
        p.setMaximumPacketSize(SessionParameters.DEFAULT_PACKET_BUFFER_SIZE);
        p.setEnableRetransmissions(false);
        p.setAlgorithmConstraints(e.getSSLParameters().getAlgorithmConstraints());
        // Java 20+: the groups an engine can use are the context's (SunJSSE answers its defaults)
        NewerSslParameters.setNamedGroups(p, NewerSslParameters.namedGroups(e.getSSLParameters()));
        return p;
    }

    private boolean isDefault() {
        return "Default".equals(protocol);
    }

    private EngineContext build(KeyManager[] km, TrustManager[] tm, SecureRandom random)
            throws GeneralSecurityException, IOException {
        TrustManager[] trust = tm != null ? tm
                : new TrustManager[] {CertificateSignatures.attach(KeyStoreLoader.defaultTrustManager(properties.system()))};
        SecureRandom r = random != null ? random : new SecureRandom();
        SessionSettings.apply(properties, clientSessions, serverSessions, r);
        return new EngineContext(
                TlsPolicy.load(properties, protocol),
                KeyManagers.choose(km),
                TrustManagers.choose(trust),
                r,
                KeyLog.from(properties.system(), System::getenv),
                clientSessions,
                serverSessions,
                handshakers,
                OcspStapler.from(properties));
    }

    private EngineContext requireInit() {
        EngineContext c = context;
        if (c == null) {
            throw new IllegalStateException("SSLContext is not initialized");
        }
        return c;
    }
}
