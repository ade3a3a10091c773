import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * Run in a fresh JVM by WithoutSunJsseTest, with a java.security override and javax.net.ssl.*
 * properties. Mode "handshake": TLS 1.3 engine handshakes between SSLContext.getDefault(), an
 * init(null, null, null) context and a context from the JDK's default factory algorithms.
 * Modes "default" and "init-null": report how creating that context fails. Prints key=value lines.
 */
public class DefaultContextProbe {
    public static void main(String[] args) throws Exception {
        StringBuilder names = new StringBuilder();
        for (Provider p : Security.getProviders()) {
            names.append(names.length() == 0 ? "" : ",").append(p.getName());
        }
        out("providers", names.toString());
        switch (args[0]) {
            case "handshake":
                handshake();
                break;
            case "default":
                try {
                    out("created", SSLContext.getDefault().getProvider().getName());
                } catch (Exception e) {
                    out("error", e.getClass().getName() + ": " + e.getMessage());
                }
                break;
            default:
                try {
                    SSLContext c = SSLContext.getInstance("TLS");
                    c.init(null, null, null);
                    out("created", c.getProvider().getName());
                } catch (Exception e) {
                    out("error", e.getClass().getName() + ": " + e.getMessage());
                }
        }
    }

    private static void handshake() throws Exception {
        out("kmf", KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm()).getProvider().getName());
        out("tmf", TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).getProvider().getName());
        SSLContext def = SSLContext.getDefault();
        out("default.provider", def.getProvider().getName());
        SSLContext initNull = SSLContext.getInstance("TLS");
        initNull.init(null, null, null);
        out("initNull.provider", initNull.getProvider().getName());
        run("first", initNull, def, false);

        char[] pw = System.getProperty("javax.net.ssl.keyStorePassword").toCharArray();
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("javax.net.ssl.keyStore")))) {
            ks.load(in, pw);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        out("km.class", kmf.getKeyManagers()[0].getClass().getName());
        out("tm.class", tmf.getTrustManagers()[0].getClass().getName());
        SSLContext server = SSLContext.getInstance("TLSv1.3");
        server.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        run("mutual", def, server, true);
    }

    private static void run(String name, SSLContext clientContext, SSLContext serverContext, boolean clientAuth)
            throws Exception {
        SSLEngine c = clientContext.createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        SSLParameters p = c.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        c.setSSLParameters(p);
        SSLEngine s = serverContext.createSSLEngine();
        s.setUseClientMode(false);
        s.setNeedClientAuth(clientAuth);
        ByteBuffer c2s = ByteBuffer.allocate(1 << 17);
        ByteBuffer s2c = ByteBuffer.allocate(1 << 17);
        ByteBuffer app = ByteBuffer.allocate(1 << 17);
        c.beginHandshake();
        s.beginHandshake();
        for (int i = 0; i < 100 && !(idle(c) && idle(s) && c2s.position() == 0 && s2c.position() == 0); i++) {
            step(c, c2s, s2c, app);
            step(s, s2c, c2s, app);
        }
        out(name + ".protocol", c.getSession().getProtocol());
        out(name + ".engines", c.getClass().getName() + "," + s.getClass().getName());
        out(name + ".serverCert", c.getSession().getPeerPrincipal().getName());
        if (clientAuth) {
            out(name + ".clientCert", s.getSession().getPeerPrincipal().getName());
        }
        c.wrap(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)), c2s);
        c2s.flip();
        app.clear();
        s.unwrap(c2s, app);
        c2s.compact();
        out(name + ".data", new String(app.array(), 0, app.position(), StandardCharsets.US_ASCII));
    }

    private static boolean idle(SSLEngine e) {
        return e.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    private static void step(SSLEngine e, ByteBuffer out, ByteBuffer in, ByteBuffer app) throws Exception {
        for (int k = 0; k < 20; k++) {
            HandshakeStatus hs = e.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                Runnable t;
                while ((t = e.getDelegatedTask()) != null) {
                    t.run();
                }
            } else if (hs == HandshakeStatus.NEED_WRAP) {
                e.wrap(ByteBuffer.allocate(0), out);
            } else {
                in.flip();
                SSLEngineResult r = in.hasRemaining() ? e.unwrap(in, app) : null;
                in.compact();
                if (r == null || r.bytesConsumed() == 0) {
                    return;
                }
            }
        }
    }

    private static void out(String key, String value) {
        System.out.println(key + "=" + value);
    }
}
