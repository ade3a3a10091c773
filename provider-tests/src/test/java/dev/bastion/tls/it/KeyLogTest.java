package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.EnginePair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Ddev.bastion.tls.keylog=FILE} appends the TLS 1.3 secrets, and the TLS 1.2 master
 * secret ({@code CLIENT_RANDOM}), in NSS key log format, so Wireshark can decrypt a capture. (That it is off by default is a unit test of
 * {@code diag.KeyLog}: with no property there is no file to look at from outside.)
 */
class KeyLogTest {
    private static final Set<String> LABELS = Set.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
            "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET");

    @Test
    void bothSidesLogTheSameFiveSecretsOfTheConnection(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.log");
        SSLContext client;
        SSLContext server;
        System.setProperty("dev.bastion.tls.keylog", file.toString());
        try {
            client = Credentials.get().context("Bastion", null, false);
            server = Credentials.get().context("Bastion", KeyType.EC_P256, true);
        } finally {
            System.clearProperty("dev.bastion.tls.keylog");
        }
        new EnginePair(client.createSSLEngine("localhost", 443), server.createSSLEngine()).handshake();

        List<String> lines = Files.readAllLines(file);
        assertEquals(10, lines.size(), "five secrets from each side:\n" + String.join("\n", lines));
        Set<String> distinct = new TreeSet<>(lines);
        assertEquals(5, distinct.size(), "client and server must log identical lines");
        String clientRandom = null;
        for (String line : distinct) {
            String[] f = line.split(" ");
            assertEquals(3, f.length, line);
            assertTrue(LABELS.contains(f[0]), line);
            assertTrue(f[1].matches("[0-9a-f]{64}"), "client random: " + line);
            assertTrue(f[2].matches("[0-9a-f]{64}|[0-9a-f]{96}"), "secret: " + line);
            clientRandom = clientRandom == null ? f[1] : clientRandom;
            assertEquals(clientRandom, f[1], "one connection, one client random");
        }
    }

    @Test
    void tls12LogsOneClientRandomLineFromEachSide(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys12.log");
        SSLContext client;
        SSLContext server;
        System.setProperty("dev.bastion.tls.keylog", file.toString());
        try {
            client = Credentials.get().context("Bastion", null, false);
            server = Credentials.get().context("Bastion", KeyType.EC_P256, true);
        } finally {
            System.clearProperty("dev.bastion.tls.keylog");
        }
        SSLEngine c = client.createSSLEngine("localhost", 443);
        c.setEnabledProtocols(new String[] {"TLSv1.2"});
        new EnginePair(c, server.createSSLEngine()).handshake();

        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertEquals(lines.get(0), lines.get(1), "client and server log the same line");
        String[] f = lines.get(0).split(" ");
        assertEquals(3, f.length, lines.get(0));
        assertEquals("CLIENT_RANDOM", f[0]);
        assertTrue(f[1].matches("[0-9a-f]{64}"), "client random: " + lines.get(0));
        assertTrue(f[2].matches("[0-9a-f]{96}"), "48-byte master secret: " + lines.get(0));
    }
}
