package dev.bastion.tls.handshake.tls13.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.crypto.KeyShare;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.handshake.ClientHellos;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Handshaker;
import dev.bastion.tls.handshake.Pipe;
import dev.bastion.tls.handshake.StateMachine;
import dev.bastion.tls.handshake.TestCerts;
import dev.bastion.tls.handshake.TestCerts.Kind;
import dev.bastion.tls.handshake.TestConfig;
import dev.bastion.tls.handshake.TestCredentials;
import dev.bastion.tls.handshake.TestIo;
import dev.bastion.tls.handshake.tls13.Tls13Handshakers;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.EncryptedExtensions;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.EarlyData;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Opaque;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 8446 §4.2.10: a server that does not accept early data ignores the extension, answers with
 * a regular 1-RTT handshake without early_data in EncryptedExtensions, and skips the early data
 * records (the connection drops what fails to open with the handshake keys).
 */
class EarlyDataOfferTest {

    @Test
    void earlyDataOfferIsIgnoredAndTheHandshakeCompletes() {
        Pipe p = offerEarlyData(TestConfig.server().build());
        assertEquals(1, p.serverIo.earlyDataSkips, "the server skips the early data records");
        assertEquals(1, p.clientIo.outbox.stream().filter(o -> o.message() instanceof ClientHello).count());
    }

    /** After a HelloRetryRequest the server skips records of application_data until the second ClientHello. */
    @Test
    void earlyDataOfferBeforeAHelloRetryRequest() {
        TestConfig server = TestConfig.server().groups(NamedGroup.SECP256R1);
        Pipe p = offerEarlyData(server.build());
        assertEquals(2, p.clientIo.outbox.stream().filter(o -> o.message() instanceof ClientHello).count());
        assertEquals(1, p.serverIo.earlyDataSkips);
    }

    private static Pipe offerEarlyData(HandshakeConfig serverConfig) {
        HandshakeConfig clientConfig = TestConfig.client().shares(NamedGroup.X25519)
                .groups(NamedGroup.X25519, NamedGroup.SECP256R1).build();
        KeyShare share = NamedGroup.X25519.generate(new SecureRandom());
        ClientHello plain = ClientHellos.build(clientConfig, Opaque.of(new byte[32]), Opaque.of(new byte[32]),
                Tls13Client.entries(List.of(share)));
        ClientHello withEarlyData = new ClientHello(plain.legacyVersion(), plain.random(), plain.legacySessionId(),
                plain.cipherSuites(), plain.legacyCompressionMethods(), plain.extensions().plus(new EarlyData()));
        Handshaker client = StateMachine.startingWith(Side.CLIENT,
                io -> Tls13Client.startWith(clientConfig, withEarlyData, List.of(share), io));
        TestIo serverIo = new TestIo(serverConfig, new TestCredentials().server(TestCerts.credential(Kind.EC_P256, "s")));
        Pipe p = new Pipe(client, new TestIo(clientConfig, new TestCredentials()), Tls13Handshakers.server(serverConfig),
                serverIo).handshake();
        EncryptedExtensions ee = p.serverIo.outbox.stream().filter(o -> o.message() instanceof EncryptedExtensions)
                .map(o -> (EncryptedExtensions) o.message()).findFirst().orElseThrow();
        assertFalse(ee.extensions().contains(ExtensionType.EARLY_DATA), "early data is not accepted");
        assertTrue(p.clientIo.completed() != null && p.serverIo.completed() != null);
        return p;
    }
}
