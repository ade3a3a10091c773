package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.FreshJvm;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Socket applications with SunJSSE removed from the provider list
 * ({@code bastion-without-sunjsse.security}), configured only by {@code javax.net.ssl.*}: the
 * default socket factories and {@code HttpsURLConnection} with its default factory run over
 * Bastion's sockets, against an {@code SSLServerSocket} and the JDK's {@code HttpsServer}. The
 * JVM loads none of SunJSSE's connection machinery (only {@code SSLSocketImpl}, which
 * {@code HttpsURLConnection} loads for a type check).
 */
class SocketsWithoutSunJsseTest {
    private static final List<String> SUNJSSE_CONNECTION_CLASSES = List.of("sun.security.ssl.TransportContext",
            "sun.security.ssl.HandshakeContext", "sun.security.ssl.SSLSocketInputRecord",
            "sun.security.ssl.SSLEngineInputRecord");

    @TempDir
    Path dir;

    @Test
    void defaultFactoriesAndHttpsUrlConnection() throws Exception {
        Path keyStore = save(Credentials.get().keyStore(KeyType.EC_P256, true), "server.p12");
        Path trustStore = save(Credentials.get().trustStore(), "trust.p12");
        Path probe = Paths.get(getClass().getClassLoader().getResource("nosunjsse/SocketProbe.java").toURI());
        List<String> args = List.of(
                "-Djava.security.properties=" + Paths.get(System.getProperty("bastion.config"), "bastion-without-sunjsse.security"),
                "-Djavax.net.ssl.keyStore=" + keyStore, "-Djavax.net.ssl.keyStorePassword=changeit",
                "-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=changeit",
                "-Xlog:class+load=info", "-cp", FreshJvm.bastionClassPath());
        for (String java : FreshJvm.javas()) {
            FreshJvm r = FreshJvm.run(java, args, probe);
            Map<String, String> v = r.values();
            assertEquals(0, r.exitCode(), java + "\n" + r.output());
            assertFalse(v.get("providers").contains("SunJSSE"), v.get("providers"));
            assertEquals("dev.bastion.tls.engine.BastionServerSocket", v.get("serverSocket.class"));
            assertEquals("dev.bastion.tls.engine.BastionSocket", v.get("socket.class"));
            assertEquals("ping back", v.get("echo"), v.toString());
            assertEquals("TLSv1.3", v.get("socket.protocol"));
            assertEquals(null, v.get("server.error"), v.toString());
            assertEquals("dev.bastion.tls.engine.BastionSocketFactory", v.get("https.factory"));
            for (String method : List.of("GET", "POST")) {
                assertEquals("200", v.get("https." + method + ".status"), v.toString());
                assertEquals("dev.bastion.tls.session.BastionSession", v.get("https." + method + ".session"));
            }
            assertEquals("GET ", v.get("https.GET.body"));
            assertEquals("POST x=1", v.get("https.POST.body"));
            assertTrue(r.loadedClasses().contains("dev.bastion.tls.engine.BastionSocket"), "the class log works");
            for (String c : SUNJSSE_CONNECTION_CLASSES) {
                assertFalse(r.loadedClasses().contains(c), java + ": " + c + " was loaded");
            }
        }
    }

    private Path save(KeyStore ks, String name) throws Exception {
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p)) {
            ks.store(out, Credentials.PASSWORD);
        }
        return p;
    }
}
