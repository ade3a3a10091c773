import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Run in a fresh JVM by SocketsWithoutSunJsseTest, with SunJSSE removed by a java.security
 * override and key and trust material from javax.net.ssl.* properties: an unchanged socket
 * application (SSLServerSocketFactory.getDefault(), SSLSocketFactory.getDefault()) and
 * HttpsURLConnection with its default socket factory against the JDK's HttpsServer over
 * SSLContext.getDefault(). Prints key=value lines.
 */
public class SocketProbe {
    public static void main(String[] args) throws Exception {
        StringBuilder names = new StringBuilder();
        for (Provider p : Security.getProviders()) {
            names.append(names.length() == 0 ? "" : ",").append(p.getName());
        }
        out("providers", names.toString());
        echo();
        https();
    }

    private static void echo() throws Exception {
        try (ServerSocket listener = SSLServerSocketFactory.getDefault().createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            out("serverSocket.class", listener.getClass().getName());
            Thread t = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    s.getOutputStream().write((in.readLine() + " back\n").getBytes(StandardCharsets.US_ASCII));
                    in.readLine(); // until the client closes
                } catch (Exception e) {
                    out("server.error", e.toString());
                }
            });
            t.start();
            try (SSLSocket s = (SSLSocket) SSLSocketFactory.getDefault().createSocket("localhost", listener.getLocalPort())) {
                SSLParameters p = s.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                s.setSSLParameters(p);
                s.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                out("echo", in.readLine());
                out("socket.class", s.getClass().getName());
                out("socket.protocol", s.getSession().getProtocol());
            }
            t.join(20_000);
        }
    }

    private static void https() throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
        server.setHttpsConfigurator(new HttpsConfigurator(SSLContext.getDefault()));
        server.createContext("/", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            byte[] answer = (x.getRequestMethod() + " " + new String(body, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
            x.sendResponseHeaders(200, answer.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(answer);
            }
        });
        server.start();
        try {
            String url = "https://localhost:" + server.getAddress().getPort() + "/";
            out("https.factory", HttpsURLConnection.getDefaultSSLSocketFactory().getClass().getName());
            for (String method : new String[] {"GET", "POST"}) {
                HttpsURLConnection c = (HttpsURLConnection) new URL(url).openConnection();
                if (method.equals("POST")) {
                    c.setDoOutput(true);
                    try (OutputStream o = c.getOutputStream()) {
                        o.write("x=1".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                out("https." + method + ".status", String.valueOf(c.getResponseCode()));
                out("https." + method + ".session", c.getSSLSession().map(s -> s.getClass().getName()).orElse("none"));
                out("https." + method + ".body", new String(c.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            }
        } finally {
            server.stop(0);
        }
    }

    private static void out(String key, String value) {
        System.out.println(key + "=" + value);
    }
}
