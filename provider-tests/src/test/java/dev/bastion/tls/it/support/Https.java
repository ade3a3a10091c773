package dev.bastion.tls.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocketFactory;

/** {@link HttpsURLConnection} requests as applications make them, with the default HostnameVerifier. */
public final class Https {
    /** What came back, the client-side session's class (Bastion's or SunJSSE's), its protocol, and the session. */
    public record Response(int status, String body, String sessionClass, String protocol, SSLSession session) {
    }

    private Https() {
    }

    /** GET (body null) or POST {@code body}; the response is read to the end so the connection can be kept alive. */
    public static Response request(String url, SSLSocketFactory factory, String body) throws IOException {
        return request(url, factory, body, false);
    }

    /**
     * A GET on a connection that is closed afterwards ({@code Connection: close} asked of the
     * server, and the connection disconnected), so the next request needs a new one; with a
     * null {@code factory}, HttpsURLConnection's default socket factory.
     */
    public static Response requestAndClose(String url, SSLSocketFactory factory) throws IOException {
        return request(url, factory, null, true);
    }

    private static Response request(String url, SSLSocketFactory factory, String body, boolean close) throws IOException {
        HttpsURLConnection c = (HttpsURLConnection) new URL(url).openConnection();
        if (factory != null) {
            c.setSSLSocketFactory(factory);
        }
        if (close) {
            c.setRequestProperty("Connection", "close");
        }
        c.setConnectTimeout(10_000);
        c.setReadTimeout(20_000);
        if (body != null) {
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        String sessionClass = c.getSSLSession().map(s -> s.getClass().getName()).orElse("none");
        String protocol = c.getSSLSession().map(s -> s.getProtocol()).orElse("none");
        SSLSession session = c.getSSLSession().orElse(null);
        try (InputStream in = c.getInputStream()) {
            return new Response(status, new String(in.readAllBytes(), StandardCharsets.UTF_8), sessionClass, protocol, session);
        } finally {
            if (close) {
                c.disconnect();
            }
        }
    }
}
