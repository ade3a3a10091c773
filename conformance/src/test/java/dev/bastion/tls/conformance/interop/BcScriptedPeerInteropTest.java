package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bastion's {@code SSLSocket} and {@code SSLServerSocket} against a peer scripted on Bouncy
 * Castle's low-level TLS API ({@code src/test/peers/BcScriptedPeer.java}, bctls 1.84, in this JVM in
 * a class loader of its own), which does what no JSSE peer can be told to do. Bastion echoes what
 * the peer writes; the peer checks each echo and reports what the other side's hello extensions
 * said. Cases: 200 peer-initiated TLS 1.3 KeyUpdates, one per round, every second one with
 * update_requested (RFC 8446 §4.6.3); warning alerts in the middle of the data: user_canceled
 * (ignored until the close_notify that should follow, RFC 8446 §6.1), unrecognized_name in TLS 1.2
 * (ignored, as SunJSSE does) and in TLS 1.3, where it fails the connection (RFC 8446 §6.2: error
 * alerts are fatal whatever their level); record_size_limit offered (RFC 8449; Bastion, as
 * SunJSSE, does not implement it and so does not answer it); max_fragment_length asked for by the
 * peer and answered by a Bastion server, and asked for by a Bastion client
 * ({@code jsse.enableMFLNExtension}, a small maximum packet size), Bastion's records (counted on
 * the peer's socket) then holding at most 512 bytes of content; server_name in mixed case (matched without regard to case) and with a
 * trailing dot (refused: RFC 6066 §3); 1 MiB echoed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BcScriptedPeerInteropTest {
    private static final TestPki PKI = TestPki.get();
    private static BiFunction<String, Socket, String> peer;

    /** What Bastion's side of a connection saw: its session, and how its echo loop ended. */
    private record Echo(SSLSession session, Exception failure) {
    }

    /** One connection: the peer's report line, Bastion's side, and the lengths of the records Bastion sent. */
    private record Run(BcJsse.Session peer, Echo bastion, List<Integer> bastionRecords) {
        void assertSucceeded(String script) {
            String version = script.startsWith("tls13") ? "TLSv1.3" : "TLSv1.2";
            int rounds = Math.max(number(script, "ku"), Math.max(number(script, "rounds"), 1));
            assertTrue(peer.ok(), this::toString);
            assertNull(bastion.failure(), this::toString);
            assertEquals(version, peer.get("version"), this::toString);
            assertEquals(version, bastion.session().getProtocol(), this::toString);
            assertEquals(String.valueOf(rounds), peer.get("rounds"), this::toString);
        }

        @Override
        public String toString() {
            return "peer: " + peer.line() + "\nBastion: " + (bastion.failure() == null ? "echoed until the end"
                    : bastion.failure().toString());
        }
    }

    @ParameterizedTest(name = "Bastion server, scripted client: {0}")
    @ValueSource(strings = {"tls13 ku=200 bytes=100", "tls13 warn=90 rounds=2", "tls12 warn=112 rounds=2",
        "tls13 rsl=256 bytes=20000", "tls12 mfl=1 bytes=20000", "tls13 mfl=1 bytes=20000", "tls12 bytes=1048576"})
    void bastionServer(String script) throws Exception {
        Run run = bastionServer(script, null);
        run.assertSucceeded(script);
        assertEquals(script.contains("mfl=1") ? "1" : "-1", run.peer().get("mfl"),
                "max_fragment_length answered exactly when asked for\n" + run);
        if (script.contains("mfl=1")) {
            assertRecordsFit512(run);
        }
        assertEquals("-1", run.peer().get("rsl"), "no record_size_limit in Bastion's hello\n" + run);
    }

    @ParameterizedTest(name = "Bastion client, scripted server: {0}")
    @ValueSource(strings = {"tls13 ku=200 bytes=100", "tls13 warn=90 rounds=2", "tls12 warn=112 rounds=2",
        "tls13 bytes=1048576"})
    void bastionClient(String script) throws Exception {
        Run run = bastionClient(script, Map.of(), 0);
        run.assertSucceeded(script);
        assertEquals("-1", run.peer().get("mfl"), "max_fragment_length is off by default\n" + run);
    }

    /**
     * A TLS 1.3 warning-level unrecognized_name is an error alert (RFC 8446 §6.2): the connection
     * fails, with the exception type SunJSSE gives that alert.
     */
    @ParameterizedTest(name = "TLS 1.3 unrecognized_name warning, Bastion server: {0}")
    @ValueSource(booleans = {true, false})
    void tls13UnrecognizedNameWarningFailsTheConnection(boolean bastionIsServer) throws Exception {
        String script = "tls13 warn=112 rounds=2";
        Run run = bastionIsServer ? bastionServer(script, null) : bastionClient(script, Map.of(), 0);
        assertTrue(!run.peer().ok(), "the peer's echo never comes\n" + run);
        Exception failure = run.bastion().failure();
        assertNotNull(failure, run::toString);
        // typed by the alert, as SunJSSE types a received alert: unrecognized_name belongs to
        // handshakes, so SSLHandshakeException although the handshake is over
        assertEquals(SSLHandshakeException.class, failure.getClass(), run::toString);
        assertEquals("Received fatal alert: unrecognized_name", failure.getMessage(), run::toString);
    }

    @ParameterizedTest(name = "Bastion client asking for max_fragment_length, scripted server: {0}")
    @ValueSource(strings = {"tls12 bytes=20000", "tls13 bytes=20000"})
    void bastionClientAsksForMaxFragmentLength(String script) throws Exception {
        // a 1000-byte packet fits 512 bytes of content: Bastion asks for code 1 (RFC 6066 §4), the
        // scripted server answers it, and Bastion's records must then hold at most 512 bytes
        Run run = bastionClient(script, Map.of("jsse.enableMFLNExtension", "true"), 1000);
        run.assertSucceeded(script);
        assertEquals("1", run.peer().get("mfl"), run::toString);
        assertRecordsFit512(run);
    }

    @ParameterizedTest(name = "server_name {0}")
    @ValueSource(strings = {"Sni.Bastion.TEST", "localhost."})
    void serverNameForms(String name) throws Exception {
        Run run = bastionServer("tls13 sni=" + name, SNIHostName.createSNIMatcher("sni\\.bastion\\.test|localhost"));
        if (name.endsWith(".")) {
            // RFC 6066 §3: "HostName ... without a trailing dot"; Bastion refuses it as illegal_parameter
            assertInstanceOf(SSLHandshakeException.class, run.bastion().failure(), run::toString);
            assertEquals("47", run.peer().get("alert"), "illegal_parameter\n" + run);
        } else {
            run.assertSucceeded("tls13");
            assertEquals(List.of(new SNIHostName(name)),
                    ((ExtendedSSLSession) run.bastion().session()).getRequestedServerNames(), run::toString);
            assertEquals(name, ((SNIHostName) ((ExtendedSSLSession) run.bastion().session())
                    .getRequestedServerNames().get(0)).getAsciiName(), "the name as sent\n" + run);
        }
    }

    /** The value of {@code key=N} in a script, 0 without it. */
    private static int number(String script, String key) {
        for (String word : script.split(" ")) {
            if (word.startsWith(key + "=")) {
                return Integer.parseInt(word.substring(key.length() + 1));
            }
        }
        return 0;
    }

    /**
     * max_fragment_length 512 (RFC 6066 §4): after its first record (the hello, sent before anything
     * is agreed), every record Bastion sent holds at most 512 bytes of content, plus at most 24 of
     * protection (TLS 1.2 GCM's explicit nonce and tag, or TLS 1.3's content type and tag).
     */
    private static void assertRecordsFit512(Run run) {
        List<Integer> lengths = run.bastionRecords();
        assertTrue(lengths.size() > 40, "20,000 bytes each way take more than 40 records: " + lengths.size());
        assertTrue(lengths.stream().skip(1).allMatch(n -> n <= 512 + 24), "Bastion's records: " + lengths);
    }

    /**
     * A socket that notes the length of each record arriving on it (what Bastion sent): the
     * peer's end of the connection.
     */
    private static final class Tapped extends Socket {
        final List<Integer> records = Collections.synchronizedList(new ArrayList<>());
        private final byte[] header = new byte[5];
        private int headerBytes;
        private int bodyLeft;

        Tapped() {
        }

        Tapped(String host, int port) throws IOException {
            super(host, port);
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return new FilterInputStream(super.getInputStream()) {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    for (int i = off; i < off + n; i++) {
                        if (bodyLeft > 0) {
                            bodyLeft--;
                        } else {
                            header[headerBytes++] = b[i];
                            if (headerBytes == header.length) {
                                bodyLeft = (header[3] & 0xff) << 8 | header[4] & 0xff;
                                records.add(bodyLeft);
                                headerBytes = 0;
                            }
                        }
                    }
                    return n;
                }
            };
        }
    }

    /** The scripted peer as client against a Bastion {@code SSLServerSocket} that echoes. */
    private static Run bastionServer(String script, SNIMatcher matcher) throws Exception {
        SSLContext ctx = Providers.bastionWith(Map.of(), TestPki.keyManagers(List.of(PKI.server(ServerKey.EC))));
        try (SSLServerSocket listener = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getByName(Interop.LOOPBACK), 0));
            if (matcher != null) {
                SSLParameters p = listener.getSSLParameters();
                p.setSNIMatchers(List.of(matcher));
                listener.setSSLParameters(p);
            }
            CompletableFuture<Echo> bastion = CompletableFuture.supplyAsync(() -> {
                try {
                    return echo((SSLSocket) listener.accept());
                } catch (Exception e) {
                    return new Echo(null, e);
                }
            });
            String report;
            Tapped socket = new Tapped(Interop.LOOPBACK, listener.getLocalPort());
            try (Socket s = socket) {
                s.setSoTimeout((int) Interop.STEP.toMillis());
                s.setTcpNoDelay(true);
                report = peer().apply(script + " client", s);
            }
            return new Run(BcJsse.parse(report), bastion.get(Interop.STEP.toSeconds(), TimeUnit.SECONDS),
                    List.copyOf(socket.records));
        }
    }

    /** A Bastion {@code SSLSocket} that echoes, against the scripted peer as server (P-256 certificate). */
    private static Run bastionClient(String script, Map<String, String> system, int maximumPacketSize)
            throws Exception {
        SSLContext ctx = Providers.bastionWith(system, Map.of(), null, PKI.trustManagers());
        TestPki.Credential cred = PKI.server(ServerKey.EC);
        Path key = Files.write(Interop.workDir().resolve("scripted-peer-key.der"), cred.key().getEncoded());
        Path cert = Files.write(Interop.workDir().resolve("scripted-peer-cert.der"), cred.leaf().getEncoded());
        Tapped socket = new Tapped();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName(Interop.LOOPBACK)) {
            @Override
            public Socket accept() throws IOException {
                implAccept(socket);
                return socket;
            }
        }) {
            CompletableFuture<String> peer = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout((int) Interop.STEP.toMillis());
                    s.setTcpNoDelay(true);
                    return peer().apply(script + " server key=" + key + " cert=" + cert, s);
                } catch (Exception e) {
                    return "ERROR scripted alert=-1 " + e;
                }
            });
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(Interop.LOOPBACK, listener.getLocalPort());
            if (maximumPacketSize > 0) {
                SSLParameters p = s.getSSLParameters();
                p.setMaximumPacketSize(maximumPacketSize);
                s.setSSLParameters(p);
            }
            Echo bastion = echo(s);
            return new Run(BcJsse.parse(peer.get(Interop.STEP.toSeconds(), TimeUnit.SECONDS)), bastion,
                    List.copyOf(socket.records));
        }
    }

    /** Echoes until the peer's close_notify (or a failure), then closes. */
    private static Echo echo(SSLSocket socket) {
        try (socket) {
            socket.setSoTimeout((int) Interop.STEP.toMillis());
            socket.setTcpNoDelay(true); // each round is a few small records each way
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buf = new byte[8192];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                out.write(buf, 0, n);
                out.flush();
            }
            return new Echo(socket.getSession(), null);
        } catch (Exception e) {
            return new Echo(socket.getSession(), e);
        }
    }

    /** The scripted peer, compiled against BC 1.84 and loaded over {@link BcJsse#inProcess()}. */
    @SuppressWarnings("unchecked")
    private static synchronized BiFunction<String, Socket, String> peer() throws Exception {
        if (peer == null) {
            ClassLoader loader = new URLClassLoader(new URL[] {BcJsse.compile("BcScriptedPeer").toUri().toURL()},
                    BcJsse.inProcess());
            peer = (BiFunction<String, Socket, String>) loader.loadClass("BcScriptedPeer").getConstructor().newInstance();
        }
        return peer;
    }
}
