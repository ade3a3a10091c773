package dev.bastion.tls.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bastion.tls.BastionProvider;
import dev.bastion.tls.session.BastionSession;
import dev.bastion.tls.testutil.SelfSigned;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLKeyException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keying material exporters (RFC 5705, RFC 8446 §7.5) behind Java 25's
 * {@code ExtendedSSLSession.exportKeyingMaterialData}/{@code Key}: both ends of a Bastion
 * connection export the same bytes, and so do Bastion and SunJSSE 25 at the two ends of one
 * connection, either way round (on JDK 25; Java 17 has no such API in SunJSSE); argument
 * checks and refusals as SunJSSE 25 answers them.
 */
class KeyingMaterialExportTest {
    private static final byte[] CONTEXT = {1, 2, 3};
    private SelfSigned pki;

    @BeforeEach
    void setUp() throws Exception {
        pki = SelfSigned.localhost();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void bothBastionEndsExportTheSame(String version) throws Exception {
        SSLEngine[] pair = pair(context("Bastion"), context("Bastion"), version);
        BastionSession c = (BastionSession) pair[0].getSession();
        BastionSession s = (BastionSession) pair[1].getSession();
        for (byte[] context : new byte[][] {null, new byte[0], CONTEXT}) {
            byte[] a = c.exportKeyingMaterialData("EXPORTER-bastion-test", context, 40);
            assertEquals(40, a.length);
            assertArrayEquals(a, s.exportKeyingMaterialData("EXPORTER-bastion-test", context, 40));
        }
        boolean nullIsEmpty = Arrays.equals(c.exportKeyingMaterialData("EXPORTER-x", null, 16),
                c.exportKeyingMaterialData("EXPORTER-x", new byte[0], 16));
        assertEquals(version.equals("TLSv1.3"), nullIsEmpty, "RFC 8446 §7.5: no context is an empty one; RFC 5705 §4 tells them apart");
        assertFalse(Arrays.equals(c.exportKeyingMaterialData("EXPORTER-x", null, 16),
                c.exportKeyingMaterialData("EXPORTER-y", null, 16)));
        SecretKey k = c.exportKeyingMaterialKey("AES", "EXPORTER-bastion-test", CONTEXT, 16);
        assertEquals("AES", k.getAlgorithm());
        assertArrayEquals(s.exportKeyingMaterialData("EXPORTER-bastion-test", CONTEXT, 16), k.getEncoded());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aResumedConnectionExportsItsOwn(String version) throws Exception {
        SSLContext client = context("Bastion");
        SSLContext server = context("Bastion");
        SSLEngine[] first = pair(client, server, version);
        SSLEngine[] again = pair(client, server, version);
        assertEquals(Boolean.TRUE, dev.bastion.tls.BastionSessions.resumed(again[0].getSession()).orElse(null));
        byte[] a = ((BastionSession) again[0].getSession()).exportKeyingMaterialData("EXPORTER-r", null, 32);
        assertArrayEquals(a, ((BastionSession) again[1].getSession()).exportKeyingMaterialData("EXPORTER-r", null, 32));
        assertFalse(Arrays.equals(a, ((BastionSession) first[0].getSession()).exportKeyingMaterialData("EXPORTER-r", null,
                32)), "each connection has its own randoms and secrets");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void bastionAndSunJsseExportTheSame(String version) throws Exception {
        Method data = exportData();
        for (boolean bastionClient : new boolean[] {true, false}) {
            SSLEngine[] pair = bastionClient ? pair(context("Bastion"), context("SunJSSE"), version)
                    : pair(context("SunJSSE"), context("Bastion"), version);
            for (byte[] context : new byte[][] {null, new byte[0], CONTEXT}) {
                byte[] client = (byte[]) data.invoke(pair[0].getSession(), "EXPORTER-interop", context, 48);
                byte[] server = (byte[]) data.invoke(pair[1].getSession(), "EXPORTER-interop", context, 48);
                assertArrayEquals(client, server, (bastionClient ? "Bastion client, SunJSSE server " : "SunJSSE client, "
                        + "Bastion server ") + version + " context " + Arrays.toString(context));
            }
        }
    }

    @Test
    void argumentsAreCheckedAsSunJsseChecksThem() throws Exception {
        BastionSession s = (BastionSession) pair(context("Bastion"), context("Bastion"), "TLSv1.3")[0].getSession();
        assertEquals("label can not be null", assertThrows(NullPointerException.class,
                () -> s.exportKeyingMaterialData(null, null, 8)).getMessage());
        assertEquals("keyAlg can not be null", assertThrows(NullPointerException.class,
                () -> s.exportKeyingMaterialKey(null, "x", null, 8)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.exportKeyingMaterialKey("", "x", null, 8));
        assertThrows(IllegalArgumentException.class, () -> s.exportKeyingMaterialData("", null, 8));
        assertThrows(IllegalArgumentException.class, () -> s.exportKeyingMaterialData("x", null, 0));
        assertThrows(IllegalArgumentException.class, () -> s.exportKeyingMaterialData("x", new byte[70000], 8));
        int hashLength = s.getCipherSuite().endsWith("SHA384") ? 48 : 32;
        assertThrows(IllegalArgumentException.class, () -> s.exportKeyingMaterialData("x", null, 255 * hashLength + 1),
                "HKDF-Expand's limit");
        assertEquals(255 * hashLength, s.exportKeyingMaterialData("x", null, 255 * hashLength).length);
        assertArrayEquals(s.exportKeyingMaterialData("?", null, 8), s.exportKeyingMaterialData("\u00e9", null, 8),
                "the label becomes bytes by US-ASCII");
    }

    @Test
    void notBeforeTheHandshakeCompleted() throws Exception {
        SSLEngine c = context("Bastion").createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        assertThrows(IllegalStateException.class,
                () -> ((BastionSession) c.getSession()).exportKeyingMaterialData("x", null, 8), "the null session");
        SSLEngine[] pair = pair(context("Bastion"), context("Bastion"), "TLSv1.2");
        javax.net.ssl.SSLSessionContext cache = pair[0].getSession().getSessionContext(); // the client keeps it
        SSLSession fromCache = cache.getSession(cache.getIds().nextElement());
        assertEquals("TLSv1.2", fromCache.getProtocol());
        assertThrows(IllegalStateException.class,
                () -> ((BastionSession) fromCache).exportKeyingMaterialData("x", null, 8), "a session from the cache");
    }

    @Test
    void tls12WithoutExtendedMasterSecretRefuses() throws Exception {
        SSLContext noEms = new SSLContext(new dev.bastion.tls.spi.BastionSSLContext("TLS",
                dev.bastion.tls.connection.config.PropertySource.of(Map.of("jdk.tls.useExtendedMasterSecret", "false"),
                        Map.of()), dev.bastion.tls.connection.Handshakers.STANDARD), new BastionProvider(), "TLS") { };
        noEms.init(pki.keyManagers(), pki.trustManagers(), null);
        SSLContext server = context("Bastion");
        SSLEngine c = noEms.createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        c.setEnabledProtocols(new String[] {"TLSv1.2"});
        SSLEngine s = server.createSSLEngine();
        s.setUseClientMode(false);
        Engines.pump(c, s);
        assertEquals("TLSv1.2", c.getSession().getProtocol());
        SSLKeyException e = assertThrows(SSLKeyException.class,
                () -> ((BastionSession) s.getSession()).exportKeyingMaterialData("x", null, 8));
        assertEquals(true, e.getMessage().startsWith("Exporters require extended master secrets"), e.getMessage());
    }

    private SSLContext context(String provider) throws Exception {
        SSLContext ctx = provider.equals("Bastion") ? SSLContext.getInstance("TLS", new BastionProvider())
                : SSLContext.getInstance("TLS", provider);
        ctx.init(pki.keyManagers(), pki.trustManagers(), null);
        return ctx;
    }

    private static SSLEngine[] pair(SSLContext clientCtx, SSLContext serverCtx, String version) throws Exception {
        SSLEngine c = clientCtx.createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        c.setEnabledProtocols(new String[] {version});
        SSLEngine s = serverCtx.createSSLEngine();
        s.setUseClientMode(false);
        Engines.pump(c, s);
        assertEquals(version, c.getSession().getProtocol());
        return new SSLEngine[] {c, s};
    }

    /** {@code ExtendedSSLSession.exportKeyingMaterialData}, which exists from Java 25 on. */
    private static Method exportData() {
        try {
            return ExtendedSSLSession.class.getMethod("exportKeyingMaterialData", String.class, byte[].class, int.class);
        } catch (NoSuchMethodException e) {
            assumeTrue(false, "ExtendedSSLSession has no exportKeyingMaterialData before Java 25");
            return null;
        }
    }
}
