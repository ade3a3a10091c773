// A TLS peer on Bouncy Castle's JSSE provider (BCJSSE), run in its own JVM with its own
// class path (bctls/bcutil/bcprov 1.84 from conformance/target/bcjsse-peer), so that it can
// never meet the Bouncy Castle version Bastion uses. Started by the interop tests
// (dev.bastion.tls.conformance.interop.BcJsse) with the java source launcher:
//
//   java -cp 'target/bcjsse-peer/*' [-Djdk.tls.namedGroups=...] src/test/peers/BcJssePeer.java \
//        server KEYSTORE.p12 TRUST.p12 PASSWORD [need-client-auth] [alpn=p1,p2]
//   java -cp 'target/bcjsse-peer/*' [-Djdk.tls.namedGroups=...] src/test/peers/BcJssePeer.java \
//        client TRUST.p12 PASSWORD [keystore=KEYSTORE.p12] [alpn=p1,p2] 127.0.0.1:PORT...
//
// The server prints "LISTENING <port>", then one line per connection:
//   "SESSION protocol=... suite=... alpn=... peer=<subject or none> request=<first line>"
// or "FAILED <exception>". It answers each request with an HTTP/1.0 page holding the same line.
// The client prints one line per target: "RESULT <target> protocol=... suite=... alpn=... peer=...
// body=<first body line>" or "ERROR <target> <exception>".
// Both exit on their own: the server when its standard input closes or after 180 s, the client
// when done; every socket has a 15 s timeout.

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

public final class BcJssePeer {
    private static final int TIMEOUT_MS = 15_000;
    private static final long LIFETIME_MS = 180_000;

    public static void main(String[] args) throws Exception {
        Provider bc = new BouncyCastleProvider();
        Security.insertProviderAt(bc, 1);
        Provider jsse = new BouncyCastleJsseProvider(bc);
        Security.insertProviderAt(jsse, 2);
        exitAfter(LIFETIME_MS);
        if (args[0].equals("server")) {
            server(jsse, args);
        } else {
            client(jsse, args);
        }
    }

    private static void server(Provider jsse, String[] args) throws Exception {
        char[] password = args[3].toCharArray();
        boolean needClientAuth = false;
        String[] alpn = null;
        for (int i = 4; i < args.length; i++) {
            if (args[i].equals("need-client-auth")) {
                needClientAuth = true;
            } else if (args[i].startsWith("alpn=")) {
                alpn = args[i].substring(5).split(",");
            }
        }
        SSLContext ctx = context(jsse, args[1], args[2], password);
        SSLServerSocket listener = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        SSLParameters params = listener.getSSLParameters();
        params.setNeedClientAuth(needClientAuth);
        if (alpn != null) {
            params.setApplicationProtocols(alpn);
        }
        listener.setSSLParameters(params);
        Thread stdinWatch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent keeps standard input open while it wants us
                }
            } catch (IOException ignored) {
                // parent gone
            }
            System.exit(0);
        });
        stdinWatch.setDaemon(true);
        stdinWatch.start();
        System.out.println("LISTENING " + listener.getLocalPort());
        System.out.flush();
        while (true) {
            try (SSLSocket s = (SSLSocket) listener.accept()) {
                s.setSoTimeout(TIMEOUT_MS);
                s.startHandshake();
                String request = readUntil(s.getInputStream(), "\r\n\r\n");
                String line = describe(s) + " request=" + request.lines().findFirst().orElse("");
                String body = line + "\n";
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                        + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                System.out.println("SESSION " + line);
            } catch (Exception e) {
                System.out.println("FAILED " + oneLine(e));
            }
            System.out.flush();
        }
    }

    private static void client(Provider jsse, String[] args) throws Exception {
        char[] password = args[2].toCharArray();
        String keystore = null;
        String[] alpn = null;
        int i = 3;
        for (; i < args.length && args[i].contains("="); i++) {
            if (args[i].startsWith("keystore=")) {
                keystore = args[i].substring(9);
            } else if (args[i].startsWith("alpn=")) {
                alpn = args[i].substring(5).split(",");
            }
        }
        SSLContext ctx = context(jsse, keystore, args[1], password);
        for (; i < args.length; i++) {
            String target = args[i];
            int colon = target.lastIndexOf(':');
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(target.substring(0, colon),
                        Integer.parseInt(target.substring(colon + 1))), TIMEOUT_MS);
                plain.setSoTimeout(TIMEOUT_MS);
                SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, "localhost",
                        plain.getPort(), true);
                SSLParameters params = s.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                if (alpn != null) {
                    params.setApplicationProtocols(alpn);
                }
                s.setSSLParameters(params);
                s.startHandshake();
                OutputStream out = s.getOutputStream();
                out.write("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String response = readAll(s.getInputStream());
                int body = response.indexOf("\r\n\r\n");
                String firstBodyLine = body < 0 ? "" : response.substring(body + 4).lines().findFirst().orElse("");
                System.out.println("RESULT " + target + " " + describe(s) + " body=" + firstBodyLine);
                s.close();
            } catch (Exception e) {
                System.out.println("ERROR " + target + " " + oneLine(e));
            }
            System.out.flush();
        }
        System.exit(0);
    }

    private static SSLContext context(Provider jsse, String keystore, String truststore, char[] password)
            throws Exception {
        KeyManager[] keys = null;
        if (keystore != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = new FileInputStream(keystore)) {
                ks.load(in, password);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", jsse);
            kmf.init(ks, password);
            keys = kmf.getKeyManagers();
        }
        KeyStore ts = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(truststore)) {
            ts.load(in, password);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", jsse);
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS", jsse);
        ctx.init(keys, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static String describe(SSLSocket s) {
        SSLSession session = s.getSession();
        String peer = "none";
        try {
            peer = ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName();
        } catch (Exception e) {
            // no peer certificate
        }
        return "protocol=" + session.getProtocol() + " suite=" + session.getCipherSuite() + " alpn="
                + s.getApplicationProtocol() + " peer=" + peer.replace(' ', '_');
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while (buf.size() < 16384 && (b = in.read()) >= 0) {
            buf.write(b);
            if (buf.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
                break;
            }
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int n;
        try {
            while (buf.size() < (1 << 20) && (n = in.read(chunk)) >= 0) {
                buf.write(chunk, 0, n);
            }
        } catch (IOException e) {
            if (buf.size() == 0) {
                throw e;
            }
            // a peer that closes without close_notify: keep what arrived
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    private static String oneLine(Throwable e) {
        StringBuilder sb = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            sb.append(" / caused by ").append(c);
        }
        return sb.toString().replace('\n', ' ');
    }

    private static void exitAfter(long millis) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException ignored) {
                // exit anyway
            }
            System.exit(3);
        });
        t.setDaemon(true);
        t.start();
    }
}
