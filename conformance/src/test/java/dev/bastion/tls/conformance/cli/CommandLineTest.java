package dev.bastion.tls.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.conformance.interop.Interop;
import dev.bastion.tls.conformance.interop.OpenSslClient;
import dev.bastion.tls.conformance.interop.TestPki;
import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code bastion} tool end to end on 127.0.0.1: its server on Bastion against its client on
 * SunJSSE and the other way round, {@code openssl s_client} and {@code curl} against its
 * server, client certificates, PEM / traditional PEM / PKCS#12 key material, and (in a fresh
 * JVM, where the properties can still act) {@code --groups} and the {@code --trace} handshake
 * dissection.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CommandLineTest {
    private static final TestPki PKI = TestPki.get();
    private static final String CA = PKI.caPem().toString();

    private static String[] cert(TestPki.Credential c) {
        return new String[] {"--cert", c.chainPem().toString(), "--key", c.keyPem().toString()};
    }

    private static String[] join(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String url(Cli.Server s) {
        return "https://localhost:" + s.port() + "/page";
    }

    @Test
    void bastionServerAnswersTheSunJsseClient() throws Exception {
        try (Cli.Server s = Cli.server(join(cert(PKI.server(ServerKey.EC)), "--max-requests", "1"))) {
            Cli.Result r = Cli.client(url(s), "--cafile", CA, "--provider", "SunJSSE");
            assertEquals(0, r.status(), r.out());
            assertTrue(r.out().contains("provider:    SunJSSE"), r.out());
            assertTrue(r.out().contains("protocol:    TLSv1.3\n"), r.out());
            assertTrue(r.out().contains("group:       x25519 (from the ServerHello on the wire)\n"), r.out());
            assertTrue(r.out().contains("resumed:     no\n"), r.out());
            assertTrue(r.out().contains("peer chain:  0: CN=localhost\n             1: CN=Bastion Interop Test CA ECDSA\n"),
                    r.out());
            assertTrue(r.out().contains("response:    HTTP/1.1 200 OK ("), r.out());
            assertTrue(s.command().await(Duration.ofSeconds(10)), "stops after --max-requests 1");
            assertTrue(s.output().contains("provider:    Bastion"), s.output());
            assertTrue(s.output().contains("connection 1: protocol=TLSv1.3 suite=TLS_"), s.output());
            assertTrue(s.output().contains(" group=x25519 alpn=none resumed=no hrr=no peer=none request=\"GET /page HTTP/1.1\""),
                    s.output());
            assertTrue(s.output().contains("stopped after 1 connection(s)"), s.output());
        }
    }

    @Test
    void bastionClientAgainstTheSunJsseServerAndSunJsseResumption() throws Exception {
        try (Cli.Server s = Cli.server(join(cert(PKI.server(ServerKey.RSA)), "--provider", "SunJSSE"))) {
            Cli.Result r = Cli.client(url(s), "--cafile", CA, "--suites", "TLS_CHACHA20_POLY1305_SHA256");
            assertEquals(0, r.status(), r.out());
            assertTrue(r.out().contains("provider:    Bastion"), r.out());
            assertTrue(r.out().contains("suite:       TLS_CHACHA20_POLY1305_SHA256\n"), r.out());
            assertTrue(r.out().contains("group:       x25519\n"), "Bastion's session names the group:\n" + r.out());
            assertTrue(r.out().contains("peer chain:  0: CN=localhost\n"), r.out());

            Cli.Result again = Cli.client(url(s), "--cafile", CA, "--provider", "SunJSSE", "--resume", "1");
            assertEquals(0, again.status(), again.out());
            String[] connections = again.out().split("connection:  2 of 2\n");
            assertEquals(2, connections.length, again.out());
            assertTrue(connections[0].contains("resumed:     no\n"), again.out());
            assertTrue(connections[1].contains("resumed:     yes\n"), "SunJSSE resumes its own session:\n" + again.out());
            String log = s.outputWith("connection 3:");
            assertTrue(log.contains("connection 3: protocol=TLSv1.3") && log.contains("resumed=yes"), log);
        }
    }

    @Test
    void opensslClientAndCurlAgainstTheBastionServer() throws Exception {
        try (Cli.Server s = Cli.server(join(cert(PKI.server(ServerKey.ED25519)), "--alpn", "http/1.1"))) {
            OpenSslClient.Result ossl = OpenSslClient.verifying(PKI, "localhost").servername("localhost")
                    .alpn("http/1.1").run(s.port());
            assertEquals("TLSv1.3", ossl.protocol(), ossl.output());
            assertEquals(0, ossl.verifyCode(), ossl.output());
            assertEquals("http/1.1", ossl.alpn(), ossl.output());
            assertTrue(ossl.output().contains("<h1>Hello over TLSv1.3</h1>"), ossl.output());

            Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "15", "--cacert", CA, url(s))
                    .redirectErrorStream(true).start();
            String page = new String(curl.getInputStream().readAllBytes());
            assertTrue(curl.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, curl.exitValue(), page);
            assertTrue(page.contains("<h1>Hello over TLSv1.3</h1>"), page);
            assertTrue(page.contains("alpn:        http/1.1\n"), "curl offers h2 and http/1.1:\n" + page);
            assertTrue(page.contains("request:     GET /page HTTP/1.1"), page);
            assertTrue(s.outputWith("alpn=http/1.1").contains("alpn=http/1.1"), s.output());
        }
    }

    @Test
    void clientCertificateRequiredByTheServer() throws Exception {
        try (Cli.Server s = Cli.server(join(cert(PKI.server(ServerKey.EC)), "--verify-client", "--cafile", CA))) {
            Cli.Result with = Cli.client(join(cert(PKI.client()), url(s), "--cafile", CA));
            assertEquals(0, with.status(), with.out());
            Cli.Result without = Cli.client(url(s), "--cafile", CA);
            assertEquals(1, without.status(), without.out());
            assertTrue(without.out().contains("error:       SSL"), without.out());
            String log = s.outputWith("connection 2 failed");
            assertTrue(log.contains("clients:     must present a certificate issued by a CA in " + CA), log);
            assertTrue(log.contains("peer=CN=bastion-interop-client"), log);
            assertTrue(log.contains("connection 2 failed: SSLHandshakeException"), log);
        }
    }

    @Test
    void keyStoreAndTraditionalPemKeys() throws Exception {
        TestPki.Credential ec = PKI.server(ServerKey.EC);
        try (Cli.Server s = Cli.server("--keystore", ec.pkcs12().toString(), "--storepass", TestPki.PASSWORD)) {
            assertEquals(0, Cli.client(url(s), "--cafile", CA).status());
        }
        Path dir = Files.createTempDirectory(Interop.workDir(), "traditional-");
        Path key = dir.resolve("key.pem");
        Path crt = dir.resolve("cert.pem");
        openssl("ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", key.toString());
        assertTrue(Files.readString(key).contains("-----BEGIN EC PRIVATE KEY-----"));
        openssl("req", "-x509", "-key", key.toString(), "-subj", "/CN=localhost", "-addext",
                "subjectAltName=DNS:localhost", "-days", "1", "-out", crt.toString());
        try (Cli.Server s = Cli.server("--cert", crt.toString(), "--key", key.toString())) {
            Cli.Result r = Cli.client(url(s), "--cafile", crt.toString());
            assertEquals(0, r.status(), r.out());
            assertTrue(r.out().contains("peer chain:  0: CN=localhost\n"), r.out());
        }
    }

    @Test
    void insecureSkipsVerificationAndUsageMistakesAreRefused() throws Exception {
        try (Cli.Server s = Cli.server()) {
            assertTrue(s.output().contains("certificate: throwaway CN=localhost"), s.output());
            assertEquals(1, Cli.client(url(s), "--cafile", CA).status(), "the throwaway CA is not trusted");
            Cli.Result r = Cli.client("https://127.0.0.1:" + s.port() + "/", "--insecure");
            assertEquals(0, r.status(), r.out());
            assertTrue(r.out().contains("peer chain:  0: CN=localhost\n             1: CN=Bastion Demo CA\n"), r.out());
        }
        assertThrows(UsageException.class, () -> Cli.client("http://localhost/"));
        assertThrows(UsageException.class, () -> Cli.client("https://localhost/", "--insecure", "--cafile", CA));
        assertThrows(UsageException.class, () -> Cli.client("https://localhost/", "--cert", CA));
        assertThrows(UsageException.class, () -> Cli.client("https://localhost/", "--provider", "NoSuchProvider"));
    }

    @Test
    void groupsAndTheHandshakeTraceInAFreshJvm() throws Exception {
        try (Cli.Server s = Cli.server(cert(PKI.server(ServerKey.EC)))) {
            Cli.Result r = Cli.process("client", url(s), "--cafile", CA, "--groups", "secp384r1", "--trace");
            assertEquals(0, r.status(), r.out() + r.err());
            assertTrue(r.out().contains("group:       secp384r1\n"), r.out());
            String trace = r.err();
            List<String> expected = List.of(
                    "--- client sent Client Hello (",
                    "            Supported Group: secp384r1(0x0018)",
                    "        Key Share Entry: Group: secp384r1(0x0018), Key Exchange length: 97",
                    "--- client received Server Hello (",
                    "--- client received Encrypted Extensions (",
                    "--- client received Certificate (",
                    "        Subject: CN=localhost",
                    "--- client received Certificate Verify (",
                    "    Signature Algorithm: ecdsa_secp256r1_sha256(0x0403)",
                    "--- client received Finished (",
                    "--- client sent Finished (");
            int from = 0;
            for (String e : expected) {
                int at = trace.indexOf(e, from);
                assertTrue(at >= 0, "trace lacks (or has out of order) '" + e + "':\n" + trace);
                from = at + e.length();
            }
        }
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
    }
}
