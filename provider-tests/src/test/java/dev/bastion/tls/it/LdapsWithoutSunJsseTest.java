package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.AppsJvm;
import dev.bastion.tls.it.support.FreshJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JNDI's LDAP client ({@code com.sun.jndi.ldap}, {@code InitialDirContext} on an
 * {@code ldaps://} URL, and {@code StartTlsRequest} on an {@code ldap://} one), unchanged and on
 * its defaults, in a fresh JVM with SunJSSE removed from the provider list
 * ({@code bastion-without-sunjsse.security}): JNDI takes its sockets from
 * {@code SSLSocketFactory.getDefault()}, so Bastion's. The server is UnboundID's in-memory
 * directory on 127.0.0.1, its LDAPS listeners' server sockets and its StartTLS socket factory
 * from Bastion contexts. Over LDAPS (TLS 1.3, and TLS 1.2 on a listener enabling only it) alice
 * binds with her password, finds bob and changes her own entry; over StartTLS she binds after
 * the upgrade and finds bob. JNDI's endpoint identification "LDAPS" (and StartTLS's own host
 * name check) refuse the certificate for {@code localhost} when the URL says {@code wrong.test}.
 */
class LdapsWithoutSunJsseTest {
    private static final String BOB = "[uid=bob,ou=people,dc=bastion,dc=dev cn=Bob Builder mail=bob@bastion.dev]";
    private static final String SESSION = "dev.bastion.tls.session.BastionSession";

    @TempDir
    static Path dir;
    static FreshJvm probe;
    static Map<String, String> out;

    @BeforeAll
    static void run() throws Exception {
        probe = AppsJvm.run(dir, "bastion-without-sunjsse.security", List.of("ldap"), Map.of());
        assertEquals(0, probe.exitCode(), AppsJvm.tail(probe));
        out = probe.values();
    }

    @Test
    void bastionIsTheOnlyTlsProvider() {
        assertTrue(out.get("providers").startsWith("Bastion,SUN,"), out.get("providers"));
        assertTrue(!out.get("providers").contains("SunJSSE"), out.get("providers"));
        assertEquals("Bastion", out.get("default.provider"));
        assertEquals("Bastion", out.get("ldap.server.provider"), "the directory's contexts");
    }

    @Test
    void ldapsBindSearchAndModifyOverTls13AndTls12() {
        for (String key : List.of("ldap.ldaps", "ldap.ldaps12")) {
            assertEquals(null, out.get(key + ".error"), () -> key + "\n" + AppsJvm.tail(probe));
            assertEquals(BOB, out.get(key + ".search"), key);
            assertEquals("alice@bastion.dev", out.get(key + ".aliceMail"), key);
            assertEquals(key, out.get(key + ".description"), key + ": alice's modification read back");
        }
        assertEquals(List.of(SESSION + " TLSv1.2", SESSION + " TLSv1.3").toString(), out.get("ldap.client.sessions"),
                "the sessions in the default context's client cache: TLS 1.3, and TLS 1.2 from the listener enabling only it");
    }

    @Test
    void ldapsRefusesACertificateForAnotherHost() {
        String wrong = out.get("ldap.ldaps-wrong");
        assertTrue(wrong.startsWith("javax.naming.CommunicationException"), wrong);
        assertTrue(wrong.contains("javax.net.ssl.SSLHandshakeException"), wrong);
        assertTrue(wrong.contains("wrong.test"), wrong);
    }

    @Test
    void startTlsThenBindAndSearch() {
        assertEquals(null, out.get("ldap.starttls.error"), () -> AppsJvm.tail(probe));
        assertEquals("TLSv1.3", out.get("ldap.starttls.protocol"));
        assertEquals(SESSION, out.get("ldap.starttls.sessionClass"));
        assertEquals(BOB, out.get("ldap.starttls.search"));
        assertEquals("alice@bastion.dev", out.get("ldap.starttls.aliceMail"));
    }

    @Test
    void startTlsRefusesACertificateForAnotherHost() {
        String wrong = out.get("ldap.starttls-wrong");
        assertTrue(wrong.startsWith("javax.net.ssl.SSLPeerUnverifiedException"), wrong);
        assertTrue(wrong.contains("wrong.test"), wrong);
    }

    /** Bastion's sockets carried every connection, and the JVM loaded none of SunJSSE's classes. */
    @Test
    void noSunJsseClassWasLoaded() {
        AppsJvm.assertBastionCarriedEverything(probe);
        assertEquals(List.of(), probe.loadedClasses().stream().filter(c -> c.startsWith("sun.security.ssl.")).toList(),
                "SunJSSE classes loaded");
    }
}
