package dev.bastion.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.TestCerts.Kind;
import dev.bastion.tls.message.CertificateVerify;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ServerHello;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Full TLS 1.3 handshakes between the client and server state machines for every suite, group
 * and certificate kind: both sides must install the same keys in the same order, log the same
 * secrets, end with the same transcript and agree on the session.
 */
class Tls13HandshakeTest {

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite suite : TestConfig.TLS13_SUITES) {
            for (NamedGroup group : TestConfig.GROUPS) {
                for (Kind kind : Kind.values()) {
                    out.add(Arguments.of(suite, group, kind));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("matrix")
    void fullHandshake(CipherSuite suite, NamedGroup group, Kind kind) {
        TestConfig client = TestConfig.client().suites(suite).groups(group).shares(group);
        LocalCredential serverCert = TestCerts.credential(kind, "server");
        TestCredentials serverCredentials = new TestCredentials().server(serverCert);
        TestCredentials clientCredentials = new TestCredentials();
        Pipe pipe = Pipe.tls13(client.build(), clientCredentials, TestConfig.server().build(), serverCredentials)
                .handshake();

        Negotiated c = pipe.clientIo.completed();
        Negotiated s = pipe.serverIo.completed();
        for (Negotiated n : List.of(c, s)) {
            assertEquals(HandshakeConfig.TLS13, n.version());
            assertEquals(Optional.of(suite), n.cipherSuite());
            assertEquals(Optional.of(group), n.group());
            assertEquals(Optional.empty(), n.applicationProtocol());
            assertEquals(false, n.resumed());
        }
        assertEquals(serverCert.chain(), c.peerCertificates());
        assertEquals(serverCert.chain(), s.localCertificates());
        assertEquals(List.of(), c.localCertificates());
        assertEquals(List.of(), s.peerCertificates());
        assertEquals(1, clientCredentials.serverChecks.size());
        assertEquals(List.of(PeerVerified.TLS13_SERVER_AUTH_TYPE), clientCredentials.authTypes);

        assertSameKeys(pipe);
        assertSameKeyLog(pipe);
        assertArrayEquals(pipe.clientIo.transcript().current(), pipe.serverIo.transcript().current());
        assertEquals(suite.hash().length(), pipe.clientIo.transcript().current().length);
        assertEquals(expectedScheme(kind).code(), sent(pipe.serverIo, CertificateVerify.class).signatureScheme());
        assertEquals(List.of("ClientHello", "CCS", "Finished (protected)"), pipe.clientIo.sentTypes());
        assertEquals(List.of("ServerHello", "CCS", "EncryptedExtensions (protected)", "Certificate (protected)",
                "CertificateVerify (protected)", "Finished (protected)"), pipe.serverIo.sentTypes());
        assertEquals("Traffic", ((StateMachine) pipe.client).stateName());
        assertEquals("Traffic", ((StateMachine) pipe.server).stateName());
    }

    /** The hello carries the client's session id, the server echoes it; both randoms are fresh. */
    @ParameterizedTest(name = "compatibility mode {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void compatibilityMode(boolean on) {
        TestConfig client = TestConfig.client();
        client.compatibility = on;
        Pipe pipe = Pipe.tls13(client.build(), new TestCredentials(), TestConfig.server().build(),
                new TestCredentials().server(TestCerts.credential(Kind.EC_P256, "server"))).handshake();
        ClientHello ch = sent(pipe.clientIo, ClientHello.class);
        ServerHello sh = sent(pipe.serverIo, ServerHello.class);
        assertEquals(on ? 32 : 0, ch.legacySessionId().length());
        assertEquals(ch.legacySessionId(), sh.legacySessionIdEcho());
        assertNotEquals(ch.random(), sh.random());
        long ccs = pipe.clientIo.outbox.stream().filter(TestIo.Outgoing::isCcs).count()
                + pipe.serverIo.outbox.stream().filter(TestIo.Outgoing::isCcs).count();
        assertEquals(on ? 2 : 0, ccs);
        pipe.clientIo.outbox.stream().filter(TestIo.Outgoing::isCcs).forEach(o -> assertNull(o.keys()));
        assertSameKeys(pipe);
    }

    static SignatureScheme expectedScheme(Kind kind) {
        switch (kind) {
            case RSA_2048:
                return SignatureScheme.RSA_PSS_RSAE_SHA256;
            case EC_P256:
                return SignatureScheme.ECDSA_SECP256R1_SHA256;
            case EC_P384:
                return SignatureScheme.ECDSA_SECP384R1_SHA384;
            default:
                return SignatureScheme.ED25519;
        }
    }

    /** Handshake then application keys, each direction the same on both sides, all different. */
    static void assertSameKeys(Pipe pipe) {
        assertEquals(2, pipe.clientIo.writeKeys.size());
        assertEquals(2, pipe.clientIo.readKeys.size());
        assertEquals(pipe.clientIo.writeKeys, pipe.serverIo.readKeys);
        assertEquals(pipe.clientIo.readKeys, pipe.serverIo.writeKeys);
        assertEquals(4, Stream.concat(pipe.clientIo.writeKeys.stream(), pipe.clientIo.readKeys.stream()).distinct().count());
    }

    static void assertSameKeyLog(Pipe pipe) {
        List<String> labels = List.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET");
        assertEquals(labels, List.copyOf(pipe.clientIo.keyLog.keySet()));
        assertEquals(labels, List.copyOf(pipe.serverIo.keyLog.keySet()));
        for (String l : labels) {
            assertArrayEquals(pipe.clientIo.keyLog.get(l), pipe.serverIo.keyLog.get(l), l);
        }
        byte[] random = sent(pipe.clientIo, ClientHello.class).random().toByteArray();
        for (TestIo io : List.of(pipe.clientIo, pipe.serverIo)) {
            assertTrue(io.keyLogRandoms.stream().allMatch(r -> java.util.Arrays.equals(r, random)));
        }
    }

    /** The first message of {@code type} that {@code io} sent. */
    static <T> T sent(TestIo io, Class<T> type) {
        return io.outbox.stream().filter(o -> type.isInstance(o.message())).map(o -> type.cast(o.message()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " sent"));
    }
}
