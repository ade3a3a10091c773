package dev.bastion.tls.conformance.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The server's HTTP/1.x side: reads one request head (at most {@value #MAX_HEAD} bytes) and
 * answers {@code 200} with a small HTML page describing the TLS session ({@code 400} for
 * something that is not an HTTP request; headers only for {@code HEAD}; nothing when the client
 * closes without a request). One request per connection: the answer says {@code Connection: close}.
 */
final class HttpPage {
    static final int MAX_HEAD = 16 * 1024;

    private HttpPage() {
    }

    /**
     * Reads the request, writes the answer; returns the request line (for the log). A client that
     * ends the connection without sending anything (like {@code openssl s_client </dev/null})
     * gets no answer, and the request line is empty.
     */
    static String answer(TlsConnection connection, SessionReport report, String provider) throws IOException {
        String head = readHead(connection);
        if (head.isEmpty()) {
            return "";
        }
        String requestLine = head.lines().findFirst().orElse("");
        String[] parts = requestLine.split(" ");
        boolean http = parts.length == 3 && parts[2].startsWith("HTTP/1.");
        String version = http && parts[2].equals("HTTP/1.0") ? "HTTP/1.0" : "HTTP/1.1";
        String body = http ? page(report, provider, requestLine) : "not an HTTP/1.x request\n";
        String status = http ? "200 OK" : "400 Bad Request";
        String type = http ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String headers = version + " " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\nServer: bastion-cli (" + provider + ")\r\n\r\n";
        byte[] h = headers.getBytes(StandardCharsets.US_ASCII);
        connection.write(h, 0, h.length);
        if (!(http && parts[0].equals("HEAD"))) {
            connection.write(bytes, 0, bytes.length);
        }
        return requestLine;
    }

    private static String readHead(TlsConnection connection) throws IOException {
        StringBuilder head = new StringBuilder();
        byte[] buf = new byte[2048];
        while (head.indexOf("\r\n\r\n") < 0 && head.indexOf("\n\n") < 0 && head.length() < MAX_HEAD) {
            int n = connection.read(buf, 0, buf.length);
            if (n < 0) {
                break;
            }
            head.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
        return head.toString();
    }

    private static String page(SessionReport report, String provider, String requestLine) {
        StringBuilder b = new StringBuilder("<!doctype html>\n<title>bastion server</title>\n")
                .append("<h1>Hello over ").append(escape(report.protocol())).append("</h1>\n<pre>\n")
                .append("provider:    ").append(escape(provider)).append('\n');
        for (String line : report.lines()) {
            b.append(escape(line.replace("peer chain:  ", "client cert: "))).append('\n');
        }
        return b.append("request:     ").append(escape(requestLine)).append("\n</pre>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
