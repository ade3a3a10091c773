package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bastion.tls.it.support.AppsJvm;
import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.FreshJvm;
import dev.bastion.tls.it.support.PostgresServer;
import dev.bastion.tls.it.support.SmtpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One fresh JVM with SunJSSE removed from the provider list
 * ({@code bastion-without-sunjsse.security}) running every application client the black-box
 * tests use, unchanged and on its defaults: {@code HttpsURLConnection},
 * {@code java.net.http.HttpClient}, OkHttp and Apache HttpClient 5 against the JDK's HttpsServer
 * (itself on the default provider list, so on Bastion), pgjdbc against a real PostgreSQL (by
 * password with channel binding, and by client certificate) and
 * Angus Mail SMTP STARTTLS against aiosmtpd; and Jetty 12 as the server, configured from its
 * key store file, with HTTP/2 by ALPN through the bastion-jetty-alpn jar, served to
 * {@code java.net.http.HttpClient} (which must get HTTP/2), to curl {@code --http2} (TLS 1.3 and
 * 1.2) and to {@code openssl s_client} (TLS 1.3 and 1.2); and Tomcat 11 as the server, likewise
 * configured from its key store file, with HTTP/2 by ALPN and client certificates wanted; all on 127.0.0.1. Every exchange must
 * work and the JVM must load none of SunJSSE's classes. Without the PostgreSQL or aiosmtpd packages
 * (outside CI, where they are required) that client is left out of the run, and said so.
 */
class AppsWithoutSunJsseTest {
    private static final String PASSWORD = "bastion-pg-secret";
    private static final String ENGINE = "dev.bastion.tls.engine.BastionEngine";
    private static final List<String> HTTP_APPS = List.of("https-urlconnection", "java-httpclient", "okhttp", "apache-hc5");

    /** SunJSSE's socket class and its supertypes, loaded (not used) by HttpsURLConnection's type check. */
    private static final List<String> TYPE_CHECKED = List.of("sun.security.ssl.SSLTransport",
            "sun.security.ssl.BaseSSLSocketImpl", "sun.security.ssl.SSLSocketImpl");

    @TempDir
    static Path dir;
    static FreshJvm probe;
    static Map<String, String> out;
    static List<String> apps = new ArrayList<>(HTTP_APPS);
    static {
        apps.add("jetty");
        apps.add("tomcat");
    }
    static List<String> delivered = List.of();
    static String subject = "bastion-" + UUID.randomUUID();

    @BeforeAll
    static void run() throws Exception {
        KeyStore server = Credentials.get().serverKeyStore(KeyType.EC_P256, "localhost");
        Map<String, String> settings = new HashMap<>(Map.of("smtp.subject", subject, "pg.password", PASSWORD));
        Path bin = PostgresServer.binaries();
        boolean mail = SmtpServer.available();
        if ("true".equals(System.getenv("CI")) && (bin == null || !mail)) {
            fail("CI must have PostgreSQL (" + bin + ") and aiosmtpd (" + mail + ")");
        }
        Path smtpDir = Files.createDirectory(dir.resolve("smtp"));
        try (PostgresServer pg = bin == null ? null : PostgresServer.start(bin, server, PASSWORD);
                SmtpServer smtp = mail ? SmtpServer.start(smtpDir, server) : null) {
            if (pg != null) {
                apps.add("pgjdbc");
                apps.add("pgjdbc-cert");
                settings.put("pg.port", String.valueOf(pg.port()));
            }
            if (smtp != null) {
                apps.add("smtp");
                settings.put("smtp.port", String.valueOf(smtp.port()));
            }
            probe = AppsJvm.run(dir, "bastion-without-sunjsse.security", apps, settings);
            if (smtp != null) {
                delivered = smtp.messages().stream().filter(m -> m.contains("Subject: " + subject)).toList();
            }
        }
        assertEquals(0, probe.exitCode(), AppsJvm.tail(probe));
        out = probe.values();
    }

    @Test
    void sunJsseIsNotInstalled() {
        assertTrue(out.get("providers").startsWith("Bastion,SUN,"), out.get("providers"));
        assertFalse(out.get("providers").contains("SunJSSE"), out.get("providers"));
        assertEquals("Bastion", out.get("default.provider"));
        assertEquals("Bastion", out.get("https.server.provider"), "the HttpsServer's context");
    }

    @Test
    void everyHttpClientGotItsAnswer() {
        for (String app : HTTP_APPS) {
            assertEquals(null, out.get(app + ".error"), () -> app + "\n" + AppsJvm.tail(probe));
            assertEquals("200", out.get(app + ".status"), app);
            assertEquals("hello", out.get(app + ".body"), app);
        }
        assertTrue(out.get("https-urlconnection.cipher").startsWith("TLS_"), out.get("https-urlconnection.cipher"));
        assertEquals("TLSv1.3", out.get("java-httpclient.protocol"));
        assertEquals("TLSv1.3", out.get("okhttp.protocol"));
        assertEquals("[dev.bastion.tls.session.BastionSession]", out.get("https.server.sessionClasses"));
    }

    /**
     * Jetty made its context and key managers from the provider list (Bastion's, SunJSSE being
     * absent) and chose HTTP/2 by ALPN through bastion-jetty-alpn: Jetty's own JDK processor
     * only takes SunJSSE's engine, so without that jar no client would get h2.
     */
    /**
     * Tomcat made its context and key managers from the provider list (Bastion's) and told its
     * servlet what Servlet applications read of a TLS connection: the protocol, suite, key size,
     * session id and, when the client sent one, the client certificate Bastion's trust manager
     * accepted; HTTP/2 by ALPN for java.net.http.HttpClient and curl.
     */
    @Test
    void tomcatOnBastionServedHttp2WithTheConnectionAttributes() {
        assertEquals(null, out.get("tomcat.error"), () -> AppsJvm.tail(probe));
        assertEquals(ENGINE, out.get("tomcat.provider"), "the class of the engines Tomcat's context makes");
        assertEquals("200", out.get("tomcat.httpclient.status"));
        assertEquals("HTTP_2", out.get("tomcat.httpclient.version"));
        tomcatSaw(out.get("tomcat.httpclient.body"), "TLSv1.3", "no-certificate");
        tomcatSaw(out.get("tomcat.httpclient-cert.body"), "TLSv1.3", "CN=" + PostgresServer.CERT_USER);
        for (String v : List.of("1.3", "1.2")) {
            String curl = "tomcat.curl-h2-tls" + v.replace(".", "");
            assertEquals("0", out.get(curl + ".exit"), () -> curl + " " + AppsJvm.tail(probe));
            assertEquals("h2", out.get(curl + ".alpn"), curl);
            assertEquals("TLSv" + v, out.get(curl + ".tls"), curl);
            tomcatSaw(out.get(curl + ".body"), "TLSv" + v, "no-certificate");
        }
    }

    /**
     * The servlet's line: HTTP/2, the TLS version, an AEAD suite of that version (Tomcat orders
     * its suites itself) with the key size Tomcat derives from its name, a session id, and the
     * client certificate's subject or none.
     */
    private static void tomcatSaw(String body, String version, String certificate) {
        String[] f = body.split(" ");
        assertEquals(6, f.length, body);
        assertEquals("HTTP/2.0", f[0], body);
        assertEquals(version, f[1], body);
        assertTrue(version.equals("TLSv1.3") ? f[2].matches("TLS_(AES_(128|256)_GCM|CHACHA20_POLY1305)_SHA(256|384)")
                : f[2].matches("TLS_ECDHE_ECDSA_WITH_.*_(GCM|POLY1305)_SHA(256|384)"), body);
        assertEquals(f[2].contains("AES_128") ? "128" : "256", f[3], body);
        assertEquals("session-id", f[4], body);
        assertEquals(certificate, f[5], body);
    }

    @Test
    void jettyOnBastionServedHttp2AndHttp11() {
        assertEquals(null, out.get("jetty.error"), () -> AppsJvm.tail(probe));
        assertEquals("HTTP_2,HTTP_2", out.get("jetty.httpclient.version"), "java.net.http.HttpClient's response versions");
        assertEquals("hello,posted:name=h2", out.get("jetty.httpclient.body"));
        assertEquals("TLSv1.3", out.get("jetty.httpclient.protocol"));
        assertEquals(List.of(ENGINE + " TLSv1.3 HTTP/2.0", ENGINE + " TLSv1.3 HTTP/2.0").toString(),
                out.get("jetty.httpclient.server"));
        for (String v : List.of("1.3", "1.2")) {
            String curl = "jetty.curl-h2-tls" + v.replace(".", "");
            assertEquals("0", out.get(curl + ".exit"), () -> curl + " " + AppsJvm.tail(probe));
            assertEquals("hello", out.get(curl + ".body"), curl);
            assertEquals("h2", out.get(curl + ".alpn"), curl);
            assertEquals("TLSv" + v, out.get(curl + ".tls"), curl);
            assertEquals(List.of(ENGINE + " TLSv" + v + " HTTP/2.0").toString(), out.get(curl + ".server"), curl);
            String sClient = "jetty.s_client-tls" + v.replace(".", "");
            assertEquals("0", out.get(sClient + ".exit"), () -> sClient + " " + AppsJvm.tail(probe));
            assertEquals("TLSv" + v, out.get(sClient + ".tls"), sClient);
            assertEquals("true", out.get(sClient + ".verified"), sClient);
            assertEquals("200 hello", out.get(sClient + ".answer"), sClient);
            assertEquals(List.of(ENGINE + " TLSv" + v + " HTTP/1.1").toString(), out.get(sClient + ".server"), sClient);
        }
    }

    @Test
    void pgjdbcQueriedOverTls() {
        if (!apps.contains("pgjdbc")) {
            Assumptions.abort("PostgreSQL not installed: pgjdbc was left out of the run");
        }
        assertEquals(null, out.get("pgjdbc.error"), () -> AppsJvm.tail(probe));
        assertEquals("42", out.get("pgjdbc.answer"));
        assertEquals("true", out.get("pgjdbc.ssl"));
        assertEquals("TLSv1.3", out.get("pgjdbc.version"));
        assertTrue(out.get("pgjdbc.wrong").contains("The hostname wrong.test could not be verified"), out.get("pgjdbc.wrong"));
        assertEquals(null, out.get("pgjdbc-cert.error"), () -> AppsJvm.tail(probe));
        assertEquals("/CN=" + PostgresServer.CERT_USER, out.get("pgjdbc-cert.clientDn"), "logged in by client certificate");
    }

    @Test
    void angusMailSentOverStartTls() {
        if (!apps.contains("smtp")) {
            Assumptions.abort("aiosmtpd not installed: Angus Mail was left out of the run");
        }
        assertEquals(null, out.get("smtp.error"), () -> AppsJvm.tail(probe));
        assertEquals("true", out.get("smtp.ssl"));
        assertEquals(1, delivered.size(), "delivered messages with the subject");
        assertTrue(out.get("smtp.wrong").contains("javax.net.ssl.SSLHandshakeException"), out.get("smtp.wrong"));
    }

    /**
     * No SunJSSE connection machinery, and of SunJSSE's other classes at most
     * {@code SSLSocketImpl} and its two supertypes: {@code HttpsURLConnection}'s client code
     * loads them to ask whether the socket {@code instanceof SSLSocketImpl} (none is created;
     * they would come with {@code TransportContext} and the records).
     */
    @Test
    void noSunJsseMachineryWasLoaded() {
        AppsJvm.assertBastionCarriedEverything(probe);
        assertTrue(probe.loadedClasses().contains("dev.bastion.tls.engine.BastionEngine"),
                "the HttpsServer and HttpClient ran on Bastion's engine");
        List<String> sunJsse = probe.loadedClasses().stream().filter(c -> c.startsWith("sun.security.ssl."))
                .filter(c -> !TYPE_CHECKED.contains(c)).toList();
        assertEquals(List.of(), sunJsse, "SunJSSE classes loaded");
    }
}
