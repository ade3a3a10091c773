package dev.bastion.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.handshake.TestCerts.Kind;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.Alpn;
import dev.bastion.tls.message.ext.Cookie;
import dev.bastion.tls.message.ext.Extension;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.KeyShareClientHello;
import dev.bastion.tls.message.ext.KeyShareHelloRetryRequest;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.SupportedVersionsServerHello;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** HelloRetryRequest (RFC 8446 §4.1.4) on both sides. */
class Tls13HelloRetryTest {
    private final TestCredentials serverCredentials = new TestCredentials().server(TestCerts.credential(Kind.EC_P256,
            "server"));

    /** The client shares only x25519, the server supports only secp256r1. */
    private Pipe pipe() {
        TestConfig client = TestConfig.client().groups(NamedGroup.X25519, NamedGroup.SECP256R1).shares(NamedGroup.X25519);
        TestConfig server = TestConfig.server().groups(NamedGroup.SECP256R1);
        return Pipe.tls13(client.build(), new TestCredentials(), server.build(), serverCredentials);
    }

    @Test
    void retryForTheServersGroup() {
        Pipe pipe = pipe().handshake();
        assertEquals(Optional.of(NamedGroup.SECP256R1), pipe.clientIo.completed().group());
        assertEquals(Optional.of(NamedGroup.SECP256R1), pipe.serverIo.completed().group());
        assertEquals(List.of("ClientHello", "CCS", "ClientHello", "Finished (protected)"), pipe.clientIo.sentTypes());
        assertEquals(List.of("ServerHello", "CCS", "ServerHello", "EncryptedExtensions (protected)",
                "Certificate (protected)", "CertificateVerify (protected)", "Finished (protected)"),
                pipe.serverIo.sentTypes());
        ServerHello hrr = (ServerHello) pipe.serverIo.outbox.get(0).message();
        assertTrue(hrr.isHelloRetryRequest());
        assertEquals(Optional.of(new KeyShareHelloRetryRequest(NamedGroup.SECP256R1.code())),
                hrr.extensions().keyShareHelloRetryRequest());
        ClientHello first = (ClientHello) pipe.clientIo.outbox.get(0).message();
        ClientHello second = (ClientHello) pipe.clientIo.outbox.get(2).message();
        assertEquals(first.random(), second.random());
        assertEquals(first.legacySessionId(), second.legacySessionId());
        assertEquals(List.of(NamedGroup.SECP256R1.code()), second.extensions().keyShareClientHello().orElseThrow().groups());
        // both transcripts start with message_hash(ClientHello1) and agree to the end
        assertArrayEquals(pipe.clientIo.transcript().current(), pipe.serverIo.transcript().current());
        Tls13HandshakeTest.assertSameKeys(pipe);
        Tls13HandshakeTest.assertSameKeyLog(pipe);
    }

    /**
     * A client that supports X25519MLKEM768 but sent only an x25519 share (BCJSSE 1.84's
     * default) gets a HelloRetryRequest for the hybrid group: the server prefers post-quantum.
     */
    @Test
    void serverPrefersTheHybridGroupTheClientSupports() {
        TestConfig client = TestConfig.client().shares(NamedGroup.X25519);
        Pipe pipe = Pipe.tls13(client.build(), new TestCredentials(), TestConfig.server().build(), serverCredentials)
                .handshake();
        assertEquals(Optional.of(NamedGroup.X25519MLKEM768), pipe.clientIo.completed().group());
        assertEquals(Optional.of(NamedGroup.X25519MLKEM768), pipe.serverIo.completed().group());
        ServerHello hrr = (ServerHello) pipe.serverIo.outbox.get(0).message();
        assertTrue(hrr.isHelloRetryRequest());
        Tls13HandshakeTest.assertSameKeys(pipe);
    }

    /** Without a hybrid group in common, a usable classical share is taken as it is: no round trip. */
    @Test
    void usableClassicalShareNeedsNoRetry() {
        TestConfig client = TestConfig.client().groups(NamedGroup.SECP256R1, NamedGroup.X25519).shares(NamedGroup.X25519);
        Pipe pipe = Pipe.tls13(client.build(), new TestCredentials(), TestConfig.server().build(), serverCredentials)
                .handshake();
        assertEquals(Optional.of(NamedGroup.X25519), pipe.serverIo.completed().group());
        assertTrue(!((ServerHello) pipe.serverIo.outbox.get(0).message()).isHelloRetryRequest());
    }

    @Test
    void cookieIsEchoed() {
        Pipe pipe = pipe();
        Cookie cookie = new Cookie(Opaque.ofHex("c0ffee"));
        pipe.toClient = o -> o.message() instanceof ServerHello && ((ServerHello) o.message()).isHelloRetryRequest()
                ? Pipe.replace(o, withExtensions((ServerHello) o.message(),
                        ((ServerHello) o.message()).extensions().plus(cookie))) : o;
        // the server sent no cookie, so it refuses the one the client echoes
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, a.alert());
        assertEquals(Side.SERVER, pipe.failed);
        ClientHello second = (ClientHello) pipe.clientIo.outbox.get(2).message();
        assertEquals(Optional.of(cookie), second.extensions().cookie());
    }

    @Test
    void secondHelloRetryRequestIsUnexpected() {
        Pipe pipe = pipe();
        pipe.client.start(pipe.clientIo);
        HandshakeMessage ch1 = pipe.clientIo.outbox.get(0).message();
        pipe.dropFromClient();
        ServerHello hrr = hrr(NamedGroup.SECP256R1.code(), (ClientHello) ch1);
        pipe.inject(Side.CLIENT, hrr);
        TlsAlert a = assertThrows(TlsAlert.class, () -> pipe.inject(Side.CLIENT, hrr(NamedGroup.SECP384R1.code(),
                (ClientHello) ch1)));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, a.alert());
    }

    @Test
    void retryForAGroupAlreadySharedIsIllegal() {
        assertClientRefuses(NamedGroup.X25519.code(), AlertDescription.ILLEGAL_PARAMETER, "already sent a key share");
    }

    @Test
    void retryForAGroupNotSupportedIsIllegal() {
        assertClientRefuses(NamedGroup.SECP384R1.code(), AlertDescription.ILLEGAL_PARAMETER, "not in the client's");
    }

    @Test
    void retryThatChangesNothingIsIllegal() {
        Pipe pipe = pipe();
        pipe.client.start(pipe.clientIo);
        ClientHello ch1 = (ClientHello) pipe.clientIo.outbox.get(0).message();
        ServerHello empty = withExtensions(hrr(0, ch1), Extensions.of(new SupportedVersionsServerHello(0x0304)));
        TlsAlert a = assertThrows(TlsAlert.class, () -> pipe.inject(Side.CLIENT, empty));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, a.alert());
    }

    @Test
    void serverRefusesASecondClientHelloWithOtherExtensions() {
        Pipe pipe = pipe();
        pipe.toServer = o -> {
            if (o.message() instanceof ClientHello && pipe.serverIo.outbox.size() > 0) {
                ClientHello ch = (ClientHello) o.message();
                return Pipe.replace(o, withExtensions(ch, ch.extensions().plus(Alpn.of("h2"))));
            }
            return o;
        };
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, a.alert());
        assertEquals(Side.SERVER, pipe.failed);
        assertTrue(a.getMessage().contains("changed extensions"), a.getMessage());
    }

    @Test
    void serverRefusesASecondClientHelloWithTheWrongShare() {
        Pipe pipe = pipe();
        pipe.toServer = o -> {
            if (o.message() instanceof ClientHello && pipe.serverIo.outbox.size() > 0) {
                ClientHello first = (ClientHello) pipe.clientIo.outbox.get(0).message();
                KeyShareClientHello shares = first.extensions().keyShareClientHello().orElseThrow();
                ClientHello ch = (ClientHello) o.message();
                return Pipe.replace(o, withExtensions(ch, ch.extensions().replace(shares)));
            }
            return o;
        };
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, a.alert());
        assertTrue(a.getMessage().contains("key shares"), a.getMessage());
    }

    @Test
    void serverHelloMustKeepTheRetrySuite() {
        Pipe pipe = pipe();
        pipe.toClient = o -> {
            if (o.message() instanceof ServerHello && !((ServerHello) o.message()).isHelloRetryRequest()) {
                ServerHello sh = (ServerHello) o.message();
                int other = sh.cipherSuite() == 0x1301 ? 0x1302 : 0x1301;
                return Pipe.replace(o, new ServerHello(sh.legacyVersion(), sh.random(), sh.legacySessionIdEcho(), other,
                        0, sh.extensions()));
            }
            return o;
        };
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, a.alert());
        assertTrue(a.getMessage().contains("HelloRetryRequest selected"), a.getMessage());
    }

    private void assertClientRefuses(int group, AlertDescription alert, String fragment) {
        Pipe pipe = pipe();
        pipe.client.start(pipe.clientIo);
        ClientHello ch1 = (ClientHello) pipe.clientIo.outbox.get(0).message();
        TlsAlert a = assertThrows(TlsAlert.class, () -> pipe.inject(Side.CLIENT, hrr(group, ch1)));
        assertEquals(alert, a.alert());
        assertTrue(a.getMessage().contains(fragment), a.getMessage());
    }

    static ServerHello hrr(int group, ClientHello ch) {
        return new ServerHello(0x0303, ServerHello.HELLO_RETRY_REQUEST_RANDOM, ch.legacySessionId(), 0x1301, 0,
                Extensions.of(new KeyShareHelloRetryRequest(group), new SupportedVersionsServerHello(0x0304)));
    }

    static ServerHello withExtensions(ServerHello sh, Extensions ext) {
        return new ServerHello(sh.legacyVersion(), sh.random(), sh.legacySessionIdEcho(), sh.cipherSuite(),
                sh.legacyCompressionMethod(), ext);
    }

    static ClientHello withExtensions(ClientHello ch, Extensions ext) {
        return new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(), ch.cipherSuites(),
                ch.legacyCompressionMethods(), ext);
    }

    static Extensions without(Extensions ext, int code) {
        return Extensions.of(ext.list().stream().filter(e -> e.code() != code).toArray(Extension[]::new));
    }
}
