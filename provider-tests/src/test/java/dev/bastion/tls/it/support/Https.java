package dev.bastion.tls.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/** {@link HttpsURLConnection} requests as applications make them, with the default HostnameVerifier. */
public final class Https {
    /** What came back, and the client-side session's class (Bastion's or SunJSSE's). */
    public record Response(int status, String body, String sessionClass, String protocol) {
    }

    private Https() {
    }

    /** GET (body null) or POST {@code body}; the response is read to the end so the connection can be kept alive. */
    public static Response request(String url, SSLSocketFactory factory, String body) throws IOException {
        HttpsURLConnection c = (HttpsURLConnection) new URL(url).openConnection();
        c.setSSLSocketFactory(factory);
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
        try (InputStream in = c.getInputStream()) {
            return new Response(status, new String(in.readAllBytes(), StandardCharsets.UTF_8), sessionClass, protocol);
        }
    }
}
