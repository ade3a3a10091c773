package dev.bastion.tls.conformance.load;

import java.nio.charset.StandardCharsets;

/** The small HTTP-like exchange of the load test: {@code GET /<token>} answered by a body naming the token. */
final class Http {
    static final int MAX_REQUEST = 4096;

    private Http() {
    }

    static byte[] request(String token) {
        return ("GET /" + token + " HTTP/1.0\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The request is complete once its header block has ended. */
    static boolean complete(byte[] b, int len) {
        for (int i = 3; i < len; i++) {
            if (b[i - 3] == '\r' && b[i - 2] == '\n' && b[i - 1] == '\r' && b[i] == '\n') {
                return true;
            }
        }
        return false;
    }

    /** The answer to a complete request (400 if it is not a GET). */
    static byte[] response(byte[] request, int len) {
        String text = new String(request, 0, len, StandardCharsets.ISO_8859_1);
        int end = text.indexOf(' ', 5);
        String body = text.startsWith("GET /") && end > 0 ? "bastion-load " + text.substring(5, end) + "\n" : "bad\n";
        String status = body.equals("bad\n") ? "400 Bad Request" : "200 OK";
        return ("HTTP/1.0 " + status + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** What a client must read back for {@code token}. */
    static String expected(String token) {
        return new String(response(request(token), request(token).length), StandardCharsets.ISO_8859_1);
    }
}
