package dev.bastion.tls.handshake.tls13.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.KeyShare;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.handshake.Handshaker;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.ScriptedRandom;
import dev.bastion.tls.handshake.StateMachine;
import dev.bastion.tls.handshake.TestConfig;
import dev.bastion.tls.handshake.TestCredentials;
import dev.bastion.tls.handshake.TestIo;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.MessageDecoder;
import dev.bastion.tls.message.NewSessionTicket;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.SupportedGroups;
import dev.bastion.tls.session.ClientTicket;
import dev.bastion.tls.session.SessionContext;
import dev.bastion.tls.testutil.NamedHex;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import org.junit.jupiter.api.Test;

/**
 * The client replays RFC 8448 §3 ("Simple 1-RTT Handshake"). The RFC's client random and x25519
 * private key are injected through a {@link ScriptedRandom} (the client draws the random, then
 * each key share; the RFC client sends an empty legacy_session_id, so compatibility mode is
 * off).
 *
 * <p>Our own ClientHello cannot equal the RFC's byte for byte: the RFC's client (NSS) also sends
 * renegotiation_info, session_ticket and record_size_limit, offers DSA and SHA-1 signature
 * schemes and ffdhe6144/ffdhe8192, none of which Bastion implements. So
 * {@link #ownClientHelloMatchesTheTraceWhereBastionCan} compares each field and extension
 * Bastion does send, and {@link #replayFromTheTracesClientHello} starts the state machine
 * from the RFC's exact ClientHello (the package-private {@code Tls13Client.startWith} hook,
 * which the normal start also goes through), so that the server's EncryptedExtensions answer
 * what was offered and the transcript is the RFC's. From there every key, every secret, the
 * client Finished and the resumption PSK must be the RFC's.
 */
class Rfc8448ClientReplayTest {
    private static final NamedHex S3 = NamedHex.load("/rfc8448/section3.txt");

    private static HandshakeConfig config() {
        TestConfig c = TestConfig.client().suites(CipherSuite.TLS_AES_128_GCM_SHA256,
                CipherSuite.TLS_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384)
                .groups(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1,
                        NamedGroup.FFDHE2048, NamedGroup.FFDHE3072, NamedGroup.FFDHE4096)
                .shares(NamedGroup.X25519);
        c.serverNames = List.of(new SNIHostName("server"));
        c.compatibility = false;
        c.schemes = List.of(SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384,
                SignatureScheme.ECDSA_SECP521R1_SHA512, SignatureScheme.RSA_PSS_RSAE_SHA256,
                SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA512);
        return c.build();
    }

    private static ClientHello rfcClientHello() {
        return (ClientHello) MessageDecoder.decode(Reader.of(S3.get("client_hello")), DecodeContext.hello(Side.SERVER));
    }

    private static byte[] clientRandom() {
        return rfcClientHello().random().toByteArray();
    }

    @Test
    void ownClientHelloMatchesTheTraceWhereBastionCan() {
        ScriptedRandom random = new ScriptedRandom(clientRandom(), S3.get("client_x25519_private_key"));
        TestIo io = new TestIo(config(), new TestCredentials(), random);
        Tls13Client.handshaker(config()).start(io);
        assertTrue(random.exhausted());
        ClientHello ours = (ClientHello) io.outbox.get(0).message();
        ClientHello rfc = rfcClientHello();
        assertEquals(rfc.legacyVersion(), ours.legacyVersion());
        assertEquals(rfc.random(), ours.random());
        assertEquals(rfc.legacySessionId(), ours.legacySessionId());
        assertEquals(rfc.cipherSuites(), ours.cipherSuites());
        assertEquals(rfc.legacyCompressionMethods(), ours.legacyCompressionMethods());
        for (ExtensionType t : List.of(ExtensionType.SERVER_NAME, ExtensionType.KEY_SHARE,
                ExtensionType.SUPPORTED_VERSIONS, ExtensionType.PSK_KEY_EXCHANGE_MODES)) {
            assertEquals(rfc.extensions().find(t.code()), ours.extensions().find(t.code()), t.rfcName());
        }
        List<Integer> rfcGroups = rfc.extensions().supportedGroups().map(SupportedGroups::groups).orElseThrow();
        assertEquals(rfcGroups.subList(0, 7), ours.extensions().supportedGroups().orElseThrow().groups(),
                "the RFC's groups without ffdhe6144 and ffdhe8192");
        assertTrue(rfc.extensions().signatureAlgorithms().orElseThrow().schemes()
                .containsAll(ours.extensions().signatureAlgorithms().orElseThrow().schemes()));
    }

    @Test
    void replayFromTheTracesClientHello() {
        TestCredentials credentials = new TestCredentials();
        TestIo io = new TestIo(config(), credentials, new ScriptedRandom()).with(SessionContext.client());
        KeyShare share = NamedGroup.X25519.generate(new ScriptedRandom(S3.get("client_x25519_private_key")));
        assertArrayEquals(S3.get("client_x25519_public_key"), share.publicValue());
        Handshaker client = StateMachine.startingWith(Side.CLIENT,
                i -> Tls13Client.startWith(config(), rfcClientHello(), List.of(share), i));
        client.start(io);
        assertArrayEquals(S3.get("client_hello"), io.outbox.get(0).encoding());

        for (String m : List.of("server_hello", "encrypted_extensions", "certificate", "certificate_verify",
                "server_finished")) {
            feed(client, io, S3.get(m));
        }

        assertEquals(List.of(keys("server_handshake"), keys("server_application")), io.readKeys);
        assertEquals(List.of(keys("client_handshake"), keys("client_application")), io.writeKeys);
        assertEquals(2, io.outbox.size(), io.sentTypes().toString());
        assertArrayEquals(S3.get("client_finished"), io.outbox.get(1).encoding());
        assertEquals(keys("client_handshake"), io.outbox.get(1).keys());
        assertArrayEquals(S3.get("client_handshake_traffic_secret"), io.keyLog.get("CLIENT_HANDSHAKE_TRAFFIC_SECRET"));
        assertArrayEquals(S3.get("server_handshake_traffic_secret"), io.keyLog.get("SERVER_HANDSHAKE_TRAFFIC_SECRET"));
        assertArrayEquals(S3.get("client_application_traffic_secret"), io.keyLog.get("CLIENT_TRAFFIC_SECRET_0"));
        assertArrayEquals(S3.get("server_application_traffic_secret"), io.keyLog.get("SERVER_TRAFFIC_SECRET_0"));
        assertArrayEquals(S3.get("exporter_master_secret"), io.keyLog.get("EXPORTER_SECRET"));
        assertTrue(io.keyLogRandoms.stream().allMatch(r -> Arrays.equals(r, clientRandom())));

        Negotiated n = io.completed();
        assertEquals(Optional.of(CipherSuite.TLS_AES_128_GCM_SHA256), n.cipherSuite());
        assertEquals(Optional.of(NamedGroup.X25519), n.group());
        assertEquals("CN=rsa", n.peerCertificates().get(0).getSubjectX500Principal().getName());
        assertEquals(1, credentials.serverChecks.size());

        feed(client, io, S3.get("new_session_ticket"));
        assertEquals(0, io.sessionContext.cachedCount(), "kept nowhere without a peer host");
    }

    /** The PSK the RFC derives from its NewSessionTicket is the one the client caches with the ticket. */
    @Test
    void ticketIsCachedWithTheRfcsResumptionPsk() {
        TestConfig c = TestConfig.client().suites(CipherSuite.TLS_AES_128_GCM_SHA256).shares(NamedGroup.X25519);
        c.serverNames = List.of(new SNIHostName("server"));
        c.peerHost = Optional.of("server");
        c.compatibility = false;
        HandshakeConfig config = c.build();
        TestIo io = new TestIo(config, new TestCredentials(), new ScriptedRandom()).with(SessionContext.client());
        KeyShare share = NamedGroup.X25519.generate(new ScriptedRandom(S3.get("client_x25519_private_key")));
        Handshaker client = StateMachine.startingWith(Side.CLIENT,
                i -> Tls13Client.startWith(config, rfcClientHello(), List.of(share), i));
        client.start(io);
        for (String m : List.of("server_hello", "encrypted_extensions", "certificate", "certificate_verify",
                "server_finished", "new_session_ticket")) {
            feed(client, io, S3.get(m));
        }
        ClientTicket t = io.sessionContext.takeTicket("server", 443, x -> true).orElseThrow();
        assertArrayEquals(S3.get("resumption_psk"), t.state().secret());
        NewSessionTicket nst = (NewSessionTicket) MessageDecoder.decode(Reader.of(S3.get("new_session_ticket")),
                DecodeContext.tls13(Side.CLIENT, 32));
        assertArrayEquals(nst.ticket().toByteArray(), t.ticket());
        assertEquals(nst.ticketAgeAdd(), t.ageAdd());
        assertEquals(nst.ticketLifetime(), t.lifetimeSeconds());
        assertEquals(CipherSuite.TLS_AES_128_GCM_SHA256.code(), t.state().cipherSuite());
        assertEquals("server", t.state().serverName());
        assertEquals("CN=rsa", t.state().peerCertificates().get(0).getSubjectX500Principal().getName());
    }

    private static void feed(Handshaker h, TestIo io, byte[] message) {
        HandshakeMessage m = MessageDecoder.decode(Reader.of(message), h.decodeContext());
        io.transcript().update(message);
        h.receive(m, io);
    }

    private static TrafficKeys keys(String prefix) {
        return new TrafficKeys(CipherSuite.TLS_AES_128_GCM_SHA256.aead(), S3.get(prefix + "_key"), S3.get(prefix + "_iv"));
    }
}
