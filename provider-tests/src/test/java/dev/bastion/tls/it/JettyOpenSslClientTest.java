package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.JettyHttpsServer;
import dev.bastion.tls.it.support.Tls;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code openssl s_client}, verifying the chain against the test CA, sends an HTTP/1.1 request
 * to Jetty 12 on a Bastion context restricted to TLS 1.3 or 1.2, and reads Jetty's answer.
 */
class JettyOpenSslClientTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void openSslClientGet(String version) throws Exception {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(Credentials.get().ca().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        try (JettyHttpsServer server = new JettyHttpsServer(Tls.server("Bastion"), false, version)) {
            List<String> cmd = List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(), "-servername",
                    "localhost", "-verify_hostname", "localhost", "-CAfile", ca.toString(), "-verify_return_error",
                    "-brief", "-ign_eof", version.equals("TLSv1.3") ? "-tls1_3" : "-tls1_2");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try {
                CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                    try {
                        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    } catch (Exception e) {
                        return e.toString();
                    }
                });
                try (OutputStream in = p.getOutputStream()) {
                    in.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                assertTrue(p.waitFor(10, TimeUnit.SECONDS), "openssl finished");
                String text = out.get(5, TimeUnit.SECONDS);
                assertEquals(0, p.exitValue(), text);
                assertTrue(text.contains("Protocol version: " + version), text);
                assertTrue(text.contains("Verification: OK"), text);
                assertTrue(text.contains("HTTP/1.1 200 OK") && text.contains("\r\n\r\nhello"), text);
            } finally {
                p.destroyForcibly();
            }
            assertEquals(1, server.seen().size());
            assertEquals("dev.bastion.tls.engine.BastionEngine", server.seen().get(0).engineClass(), "who carried the server side");
            assertEquals(version, server.seen().get(0).protocol());
        }
    }
}
