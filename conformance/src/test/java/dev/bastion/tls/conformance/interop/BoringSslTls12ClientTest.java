package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Netty's OpenSSL engine (netty-tcnative BoringSSL) as a TLS 1.2 client: once it has consumed
 * the server's ChangeCipherSpec and Finished its unwrap result still says NEED_UNWRAP, and only
 * the next unwrap, which finds no input (BUFFER_UNDERFLOW), reports FINISHED. The engine loop in
 * {@link EngineSocket} must take that FINISHED instead of waiting for more bytes from a server
 * that is now waiting for the client's request.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoringSslTls12ClientTest {
    private static final TestPki PKI = TestPki.get();
    private static final List<String> GROUPS = List.of("X25519", "P-256");

    @BeforeAll
    static void boringSsl() {
        BoringSsl.ensureAvailable();
    }

    @Test
    void clientSaysFinishedOnlyOnTheUnwrapAfterTheServerFinished() throws IOException {
        SSLEngine server = BoringSsl.engine(BoringSsl.server(PKI.server(TestPki.ServerKey.EC), PKI, GROUPS, false,
                List.of(), "TLSv1.2"));
        SSLEngine client = BoringSsl.engine(BoringSsl.client(PKI, GROUPS, false, List.of(), "TLSv1.2"));
        try {
            ByteBuffer toServer = ByteBuffer.allocate(1 << 16);
            ByteBuffer toClient = ByteBuffer.allocate(1 << 16);
            ByteBuffer app = ByteBuffer.allocate(1 << 16);
            client.beginHandshake();
            server.beginHandshake();
            for (int i = 0; i < 20 && server.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING; i++) {
                step(client, toServer, toClient, app);
                step(server, toClient, toServer, app);
            }
            assertEquals(HandshakeStatus.NOT_HANDSHAKING, server.getHandshakeStatus(), "server done");
            HandshakeStatus afterFinished = HandshakeStatus.NEED_UNWRAP;
            while (toClient.position() > 0) {
                afterFinished = step(client, toServer, toClient, app).getHandshakeStatus();
            }
            assertEquals(HandshakeStatus.NEED_UNWRAP, afterFinished, "client, all of the server's flight consumed");
            SSLEngineResult empty = step(client, toServer, toClient, app);
            assertEquals(SSLEngineResult.Status.BUFFER_UNDERFLOW, empty.getStatus());
            assertEquals(HandshakeStatus.FINISHED, empty.getHandshakeStatus());
            assertEquals(HandshakeStatus.NOT_HANDSHAKING, client.getHandshakeStatus());
        } finally {
            BoringSsl.release(client);
            BoringSsl.release(server);
        }
    }

    @Test
    void engineSocketFinishesAgainstBoringSsl() throws IOException {
        SslContext ctx = BoringSsl.server(PKI.server(TestPki.ServerKey.EC), PKI, GROUPS, false, List.of(), "TLSv1.2");
        try (EngineServer server = new EngineServer("boringssl", () -> BoringSsl.engine(ctx), BoringSsl::release)) {
            exchange(server);
        }
    }

    @Test
    void engineSocketFinishesAgainstBastion() throws IOException {
        SSLContext ctx = Providers.context("Bastion", "TLSv1.2",
                TestPki.keyManagers(List.of(PKI.server(TestPki.ServerKey.EC))), PKI.trustManagers());
        try (EngineServer server = new EngineServer("bastion", ctx::createSSLEngine, null)) {
            exchange(server);
        }
    }

    private static void exchange(EngineServer server) throws IOException {
        SslContext client = BoringSsl.client(PKI, GROUPS, false, List.of(), "TLSv1.2");
        EngineClient.Exchange x = EngineClient.get(BoringSsl.engine(client), server.port(), BoringSsl::release);
        EngineServer.Accepted a = server.next();
        assertNull(a.failure(), () -> "server failed: " + a.failure());
        assertEquals("TLSv1.2", x.session().protocol());
        assertEquals(a.session().cipherSuite(), x.session().cipherSuite());
        assertTrue(x.response().startsWith("HTTP/1."), x.response());
    }

    private static SSLEngineResult step(SSLEngine e, ByteBuffer out, ByteBuffer in, ByteBuffer app) throws IOException {
        HandshakeStatus hs = e.getHandshakeStatus();
        while (hs == HandshakeStatus.NEED_TASK) {
            Runnable t;
            while ((t = e.getDelegatedTask()) != null) {
                t.run();
            }
            hs = e.getHandshakeStatus();
        }
        if (hs == HandshakeStatus.NEED_WRAP) {
            return e.wrap(ByteBuffer.allocate(0), out);
        }
        in.flip();
        try {
            return e.unwrap(in, app);
        } finally {
            in.compact();
        }
    }
}
