package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.AppsJvm;
import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.FreshJvm;
import dev.bastion.tls.it.support.PostgresServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL JDBC driver, unchanged, against a real PostgreSQL server (a throwaway cluster,
 * {@code ssl=on}, TLS-only SCRAM-SHA-256) in a fresh JVM whose {@code java.security} override
 * puts Bastion first (SunJSSE stays behind it). pgjdbc's default SSL factory builds its own
 * context from {@code sslrootcert}, layers it over the socket after the SSLRequest preamble
 * ({@code createSocket(socket, host, port, true)}) and checks the host name itself
 * ({@code sslmode=verify-full}); {@code channelBinding=require} makes the login
 * SCRAM-SHA-256-PLUS over the server certificate Bastion received. A second role logs in by
 * client certificate; everything runs once more with the server limited to TLS 1.2.
 */
class PostgresJdbcTest {
    private static final String PASSWORD = "bastion-pg-secret";

    @TempDir
    static Path dir;
    static FreshJvm probe;
    static FreshJvm probe12;
    static Map<String, String> out;
    static Map<String, String> out12;
    static String serverLog;

    /** One probe JVM against the server as installed (TLS 1.2 and 1.3), one after it was limited to TLS 1.2. */
    @BeforeAll
    static void run() throws Exception {
        Path bin = PostgresServer.binariesOrSkip();
        List<String> apps = List.of("pgjdbc", "pgjdbc-cert");
        try (PostgresServer pg = PostgresServer.start(bin, Credentials.get().serverKeyStore(KeyType.EC_P256, "localhost"),
                PASSWORD)) {
            Map<String, String> settings = Map.of("pg.port", String.valueOf(pg.port()), "pg.password", PASSWORD);
            probe = AppsJvm.run(dir, "bastion.security", apps, settings);
            pg.reload("parameter \"ssl_max_protocol_version\" changed to \"TLSv1.2\"", "ssl_max_protocol_version = 'TLSv1.2'");
            probe12 = AppsJvm.run(dir, "bastion.security", apps, settings);
            serverLog = pg.log();
        }
        assertEquals(0, probe.exitCode(), AppsJvm.tail(probe));
        assertEquals(0, probe12.exitCode(), AppsJvm.tail(probe12));
        out = probe.values();
        out12 = probe12.values();
    }

    @Test
    void queryRunsOverTlsAsTheServerSeesIt() {
        assertEquals(null, out.get("pgjdbc.error"), () -> AppsJvm.tail(probe));
        assertEquals("42", out.get("pgjdbc.answer"));
        assertEquals("true", out.get("pgjdbc.ssl"), "pg_stat_ssl.ssl");
        assertEquals("TLSv1.3", out.get("pgjdbc.version"), "pg_stat_ssl.version");
        assertTrue(out.get("pgjdbc.cipher").startsWith("TLS_AES_") || out.get("pgjdbc.cipher").startsWith("TLS_CHACHA20_"),
                out.get("pgjdbc.cipher"));
        assertTrue(serverLog.contains("SSL enabled (protocol=TLSv1.3"), serverLog);
    }

    /** The same query and login with the server limited to TLS 1.2 (ECDHE, AEAD, extended master secret). */
    @Test
    void queryRunsOverTls12() {
        assertEquals(null, out12.get("pgjdbc.error"), () -> AppsJvm.tail(probe12));
        assertEquals("42", out12.get("pgjdbc.answer"));
        assertEquals("true", out12.get("pgjdbc.ssl"));
        assertEquals("TLSv1.2", out12.get("pgjdbc.version"));
        assertTrue(out12.get("pgjdbc.cipher").startsWith("ECDHE-ECDSA-"), out12.get("pgjdbc.cipher"));
        assertTrue(serverLog.contains("SSL enabled (protocol=TLSv1.2"), serverLog);
        AppsJvm.assertBastionCarriedEverything(probe12);
    }

    /**
     * pgjdbc's own key manager (PKCS12KeyManager, sslkey=*.p12) answers Bastion's client
     * certificate request; PostgreSQL verifies the chain against the test CA and logs the role
     * in by the certificate's CN alone.
     */
    @Test
    void clientCertificateLogsIn() {
        for (Map<String, String> o : List.of(out, out12)) {
            assertEquals(null, o.get("pgjdbc-cert.error"), () -> o.toString());
            assertEquals(PostgresServer.CERT_USER, o.get("pgjdbc-cert.user"));
            assertEquals("/CN=" + PostgresServer.CERT_USER, o.get("pgjdbc-cert.clientDn"));
        }
        assertEquals("TLSv1.3", out.get("pgjdbc-cert.version"));
        assertEquals("TLSv1.2", out12.get("pgjdbc-cert.version"));
    }

    @Test
    void bastionCarriedTheConnection() {
        assertTrue(out.get("providers").startsWith("Bastion,"), out.get("providers"));
        assertTrue(out.get("providers").contains("SunJSSE"), "SunJSSE is installed, behind Bastion");
        assertEquals("Bastion", out.get("default.provider"));
        AppsJvm.assertBastionCarriedEverything(probe);
    }

    /**
     * wrong.test reaches the same server, whose certificate names localhost only: the handshake
     * completes and pgjdbc's own verify-full check refuses the session Bastion hands it.
     */
    @Test
    void verifyFullRefusesAServerCertificateForAnotherName() {
        String wrong = out.get("pgjdbc.wrong");
        assertTrue(wrong.startsWith("org.postgresql.util.PSQLException: "), wrong);
        assertTrue(wrong.contains("The hostname wrong.test could not be verified"), wrong);
    }
}
