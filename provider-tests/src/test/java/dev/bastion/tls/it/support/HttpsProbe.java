package dev.bastion.tls.it.support;

import dev.bastion.tls.it.support.Credentials.KeyType;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Run in a fresh JVM by {@code HttpsUrlConnectionIsolatedTest}, with {@code jdk.net.hosts.file}
 * mapping {@code bastion.test} and {@code wrong.test} to 127.0.0.1: {@code HttpsURLConnection}
 * over Bastion's sockets against the JDK's {@code HttpsServer} on Bastion's engine and against
 * {@code openssl s_server -www} (TLS 1.3 only, then TLS 1.2 only; GET only, as s_server
 * answers nothing else), both holding certificates for {@code bastion.test} only. Prints
 * one {@code key=value} line per observation; the test asserts on them (and on the JVM's class
 * loading log).
 *
 * <p>With the default HostnameVerifier {@code HttpsURLConnection} itself names the URL host as
 * SNI on sockets that are not SunJSSE's; with an application's own verifier it does not, so
 * there the SNI proves that the socket recovered the host name at {@code connect}.
 */
public final class HttpsProbe {
    private HttpsProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        KeyStore named = Credentials.get().serverKeyStore(KeyType.EC_P256, "bastion.test");
        SSLContext client = Credentials.get().contextWith("Bastion", null, true);
        try (HttpsTestServer server = new HttpsTestServer(Credentials.get().contextWith("Bastion", named, true))) {
            String url = "https://bastion.test:" + server.port() + "/";
            SSLSocketFactory factory = client.getSocketFactory();
            print("server.get", Https.request(url, factory, null));
            print("server.post", Https.request(url, factory, "x=1"));
            print("server.get2", Https.request(url, factory, null));
            print("server.ports", Set.copyOf(server.clientPorts()).size());
            print("server.sni", server.requestedNames().get(0));
            print("server.sessionClass", server.sessionClasses().get(0));
            print("server.ownVerifier", request(url + "own", client.getSocketFactory(), (h, s) -> false));
            print("server.ownVerifier.sni", server.requestedNames().get(server.requestedNames().size() - 1));
            print("server.wrong", attempt("https://wrong.test:" + server.port() + "/", client.getSocketFactory()));
        }
        KeyStore other = Credentials.get().serverKeyStore(KeyType.EC_P256, "other.test");
        for (String version : new String[] {"TLSv1.3", "TLSv1.2"}) {
            String key = "openssl-" + version;
            try (OpenSslWww openssl = OpenSslWww.start(dir, version, other, "bastion.test", named)) {
                String url = "https://bastion.test:" + openssl.port() + "/";
                SSLSocketFactory factory = client.getSocketFactory();
                print(key + ".get", Https.request(url, factory, null));
                print(key + ".get2", Https.request(url, factory, null));
                print(key + ".ownVerifier", request(url, client.getSocketFactory(), (h, s) -> false));
            }
        }
        // A listener thread started by the last handshake may still be running its (short) listener:
        // give such threads 10 s to end; one that remains after that is a leak.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("HandshakeCompletedNotify")) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        }
        Set<String> threads = new TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> threads.add(t.getName()));
        print("threads", threads);
    }

    /** A GET with the application's own HostnameVerifier (consulted only when the certificate does not match). */
    private static String request(String url, SSLSocketFactory factory, HostnameVerifier verifier) {
        try {
            HttpsURLConnection c = (HttpsURLConnection) new URL(url).openConnection();
            c.setSSLSocketFactory(factory);
            c.setHostnameVerifier(verifier);
            c.setConnectTimeout(10_000);
            c.setReadTimeout(20_000);
            int status = c.getResponseCode();
            c.getInputStream().readAllBytes();
            return String.valueOf(status);
        } catch (IOException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static String attempt(String url, SSLSocketFactory factory) {
        try {
            return "status " + Https.request(url, factory, null).status();
        } catch (IOException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static void print(String key, Object value) {
        if (value instanceof Https.Response) {
            Https.Response r = (Https.Response) value;
            System.out.println(key + ".status=" + r.status());
            System.out.println(key + ".body=" + r.body().replaceAll("\\s+", " "));
            System.out.println(key + ".sessionClass=" + r.sessionClass());
            System.out.println(key + ".protocol=" + r.protocol());
        } else {
            System.out.println(key + "=" + value);
        }
    }
}
