package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.AppsJvm;
import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.FreshJvm;
import dev.bastion.tls.it.support.SmtpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Angus Mail (Jakarta Mail) sending over SMTP STARTTLS, unchanged, in a fresh JVM whose
 * {@code java.security} override puts Bastion first, against aiosmtpd (OpenSSL underneath),
 * which refuses MAIL before STARTTLS. Angus layers the default SSLSocketFactory over its plain
 * socket after {@code 220 Ready to start TLS} and checks the server's identity.
 */
class MailStartTlsTest {
    @TempDir
    static Path dir;
    static SmtpServer smtp;
    static FreshJvm probe;
    static Map<String, String> out;
    static String subject = "bastion-" + UUID.randomUUID();

    @BeforeAll
    static void run() throws Exception {
        SmtpServer.availableOrSkip();
        smtp = SmtpServer.start(dir, Credentials.get().serverKeyStore(KeyType.EC_P256, "localhost"));
        probe = AppsJvm.run(dir, "bastion.security", List.of("smtp"),
                Map.of("smtp.port", String.valueOf(smtp.port()), "smtp.subject", subject));
        assertEquals(0, probe.exitCode(), AppsJvm.tail(probe));
        out = probe.values();
    }

    @AfterAll
    static void stop() {
        if (smtp != null) {
            smtp.close();
        }
    }

    @Test
    void messageIsDeliveredOverStartTls() throws Exception {
        assertEquals(null, out.get("smtp.error"), () -> AppsJvm.tail(probe));
        assertEquals("true", out.get("smtp.ssl"), "SMTPTransport.isSSL() after STARTTLS");
        assertTrue(out.get("smtp.response").startsWith("250"), out.get("smtp.response"));
        List<String> delivered = smtp.messages().stream().filter(m -> m.contains("Subject: " + subject)).toList();
        assertEquals(1, delivered.size(), () -> "delivered: " + delivered + "\n" + logOf());
        assertTrue(delivered.get(0).contains("sent over STARTTLS by Angus Mail"), delivered.get(0));
    }

    /** What makes the delivery above a proof of STARTTLS: this server refuses MAIL in plain text. */
    @Test
    void serverRefusesMailWithoutStartTls() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), smtp.port())) {
                s.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream o = s.getOutputStream();
                assertTrue(in.readLine().startsWith("220"));
                o.write("EHLO plain.test\r\n".getBytes(StandardCharsets.US_ASCII));
                String line;
                boolean offered = false;
                while ((line = in.readLine()).startsWith("250-")) {
                    offered |= line.equals("250-STARTTLS");
                }
                assertTrue(line.startsWith("250 "), line);
                assertTrue(offered || line.equals("250 STARTTLS"), "EHLO offers STARTTLS");
                o.write("MAIL FROM:<plain@localhost>\r\n".getBytes(StandardCharsets.US_ASCII));
                String answer = in.readLine();
                assertEquals("530 Must issue a STARTTLS command first", answer);
            }
        });
    }

    @Test
    void bastionCarriedTheConnection() {
        assertTrue(out.get("providers").startsWith("Bastion,"), out.get("providers"));
        assertEquals("Bastion", out.get("default.provider"));
        AppsJvm.assertBastionCarriedEverything(probe);
    }

    /**
     * wrong.test reaches the same server, whose certificate names localhost only: Angus asks for
     * endpoint identification and Bastion's handshake fails naming the host.
     */
    @Test
    void serverIdentityCheckRefusesAnotherName() {
        String wrong = out.get("smtp.wrong");
        assertTrue(wrong.startsWith("jakarta.mail.MessagingException: "), wrong);
        assertTrue(wrong.contains(" <- javax.net.ssl.SSLHandshakeException: "), wrong);
        assertTrue(wrong.contains("wrong.test"), wrong);
    }

    private static String logOf() {
        try {
            return smtp.log();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
