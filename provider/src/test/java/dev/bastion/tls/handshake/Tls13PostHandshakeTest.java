package dev.bastion.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.handshake.TestCerts.Kind;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.KeyUpdate;
import dev.bastion.tls.message.NewSessionTicket;
import dev.bastion.tls.session.ClientTicket;
import dev.bastion.tls.session.SessionContext;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.Opaque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** KeyUpdate both ways (RFC 8446 §4.6.3) and NewSessionTicket (§4.6.1) after the handshake. */
class Tls13PostHandshakeTest {

    private Pipe connected(CipherSuite suite) {
        return Pipe.tls13(TestConfig.client().suites(suite).build(), new TestCredentials(), TestConfig.server().build(),
                new TestCredentials().server(TestCerts.credential(Kind.EC_P256, "server"))).handshake();
    }

    @Test
    void clientAsksForAnUpdateAndTheServerAnswers() {
        Pipe pipe = connected(CipherSuite.TLS_AES_256_GCM_SHA384);
        TrafficKeys clientWrite = pipe.clientIo.currentWrite();
        TrafficKeys serverWrite = pipe.serverIo.currentWrite();
        pipe.client.sendKeyUpdate(pipe.clientIo, true);
        pipe.run();
        // the pipe checked that each KeyUpdate arrived under the keys the receiver expected
        assertEquals(List.of(new KeyUpdate(true)), lastSent(pipe.clientIo, 1));
        assertEquals(List.of(new KeyUpdate(false)), lastSent(pipe.serverIo, 1));
        assertEquals(pipe.clientIo.currentWrite(), pipe.serverIo.currentRead());
        assertEquals(pipe.serverIo.currentWrite(), pipe.clientIo.currentRead());
        assertNotEquals(clientWrite, pipe.clientIo.currentWrite());
        assertNotEquals(serverWrite, pipe.serverIo.currentWrite());
        assertEquals(3, pipe.clientIo.writeKeys.size());
        assertEquals(3, pipe.serverIo.writeKeys.size());
    }

    @Test
    void serverUpdatesWithoutRequest() {
        Pipe pipe = connected(CipherSuite.TLS_CHACHA20_POLY1305_SHA256);
        TrafficKeys clientWrite = pipe.clientIo.currentWrite();
        pipe.server.sendKeyUpdate(pipe.serverIo, false);
        pipe.server.sendKeyUpdate(pipe.serverIo, false);
        pipe.run();
        assertEquals(4, pipe.serverIo.writeKeys.size());
        assertEquals(pipe.serverIo.writeKeys, pipe.clientIo.readKeys);
        assertEquals(clientWrite, pipe.clientIo.currentWrite(), "the client did not update its own keys");
        assertEquals(2, pipe.clientIo.outbox.stream().filter(o -> !o.isCcs()).count(), "the client sent nothing");
    }

    /** RFC 8446 §5: a compatibility CCS is fine from the first ClientHello to the peer's Finished only. */
    @Test
    void compatibilityCcsWindow() {
        Pipe pipe = Pipe.tls13(TestConfig.client().build(), new TestCredentials(), TestConfig.server().build(),
                new TestCredentials().server(TestCerts.credential(Kind.EC_P256, "server")));
        assertEquals(false, pipe.client.acceptsCompatibilityCcs());
        assertEquals(false, pipe.server.acceptsCompatibilityCcs());
        pipe.handshake();
        assertEquals(false, pipe.client.acceptsCompatibilityCcs());
        assertEquals(false, pipe.server.acceptsCompatibilityCcs());
    }

    @Test
    void keyUpdateBeforeTheHandshakeCompletesIsRefused() {
        Pipe pipe = Pipe.tls13(TestConfig.client().build(), new TestCredentials(), TestConfig.server().build(),
                new TestCredentials().server(TestCerts.credential(Kind.EC_P256, "server")));
        pipe.client.start(pipe.clientIo);
        assertThrows(IllegalStateException.class, () -> pipe.client.sendKeyUpdate(pipe.clientIo, false));
    }

    @Test
    void newSessionTicketIsKeptWithItsPsk() {
        TestConfig c = TestConfig.client().suites(CipherSuite.TLS_AES_256_GCM_SHA384);
        c.peerHost = java.util.Optional.of("server.test");
        Pipe pipe = Pipe.tls13(c.build(), new TestCredentials(), TestConfig.server().build(),
                new TestCredentials().server(TestCerts.credential(Kind.EC_P256, "server")));
        SessionContext sessions = SessionContext.client();
        pipe.clientIo.with(sessions);
        pipe.handshake();
        pipe.inject(Side.CLIENT, new NewSessionTicket(7200, 12345, Opaque.ofHex("0001"), Opaque.ofHex("abcdef"),
                Extensions.EMPTY));
        pipe.inject(Side.CLIENT, new NewSessionTicket(7200, 1, Opaque.ofHex("0002"), Opaque.ofHex("abcdef01"),
                Extensions.EMPTY));
        pipe.inject(Side.CLIENT, new NewSessionTicket(0, 1, Opaque.ofHex("0003"), Opaque.ofHex("ab"),
                Extensions.EMPTY));
        ClientTicket newest = sessions.takeTicket("server.test", 443, t -> true).orElseThrow();
        ClientTicket first = sessions.takeTicket("server.test", 443, t -> true).orElseThrow();
        assertEquals(java.util.Optional.empty(), sessions.takeTicket("server.test", 443, t -> true),
                "a ticket with lifetime 0 is discarded (RFC 8446 §4.6.1), each ticket is taken once");
        assertEquals("abcdef", java.util.HexFormat.of().formatHex(first.ticket()));
        assertEquals(12345, first.ageAdd());
        assertEquals(7200, first.lifetimeSeconds());
        assertEquals(48, first.state().secret().length);
        assertEquals(false, java.util.Arrays.equals(first.state().secret(), newest.state().secret()),
                "tickets with different nonces have different PSKs");
        assertEquals(first.state().creationTime(), newest.state().creationTime());
        assertEquals(true, java.util.Arrays.equals(first.state().id(), newest.state().id()), "one session, one id");
    }

    @Test
    void serverHelloAfterTheHandshakeIsUnexpected() {
        Pipe pipe = connected(CipherSuite.TLS_AES_128_GCM_SHA256);
        TlsAlert a = assertThrows(TlsAlert.class, () -> pipe.inject(Side.CLIENT,
                Tls13HelloRetryTest.hrr(0x001d, Tls13HandshakeTest.sent(pipe.clientIo, ClientHello.class))));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, a.alert());
        assertEquals("Traffic expected NewSessionTicket or KeyUpdate, got ServerHello", a.getMessage());
    }

    private static List<Object> lastSent(TestIo io, int n) {
        List<TestIo.Outgoing> out = io.outbox;
        return out.subList(out.size() - n, out.size()).stream().map(o -> (Object) o.message()).toList();
    }
}
