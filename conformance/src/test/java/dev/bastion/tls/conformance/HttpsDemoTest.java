package dev.bastion.tls.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's demonstration: the JDK's HTTPS server and HTTP client over Bastion. */
class HttpsDemoTest {
    @Test
    void httpsExchangeOverBastionNegotiatesTls13WithTheHybridGroup() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        HttpsDemo.run(new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("-> 200 HTTP_1_1"), out);
        assertTrue(out.contains("protocol:    TLSv1.3"), out);
        assertTrue(out.matches("(?s).*suite:       TLS_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256)\\n.*"), out);
        assertTrue(out.contains("group:       X25519MLKEM768"), out);
        // the server offers only http/1.1 over ALPN, the client h2 and http/1.1: the engine's answer
        assertTrue(out.contains("alpn:        http/1.1 (the client offered h2 and http/1.1"), out);
        assertTrue(out.contains("certificate: CN=localhost"), out);
        assertTrue(out.contains("body:        hello over TLSv1.3"), out);
        assertTrue(out.contains("resumption:  yes (a second connection, TLSv1.3"), out);
    }
}
