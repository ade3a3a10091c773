package dev.bastion.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.handshake.TestCerts.Kind;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.ext.ExtensionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Full TLS 1.2 handshakes between the client and server state machines for every suite ×
 * group × certificate kind, with and without client authentication: both sides must install
 * the same keys, log the same master secret, end with the same transcript and agree on the
 * session; the flights are RFC 5246 §7.3's.
 */
class Tls12HandshakeTest {

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite suite : Tls12Configs.SUITES) {
            for (NamedGroup group : Tls12Configs.groups(suite)) {
                for (Kind kind : Tls12Configs.kinds(suite)) {
                    out.add(Arguments.of(suite, group, kind, false));
                    out.add(Arguments.of(suite, group, kind, true));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} client auth {3}")
    @MethodSource("matrix")
    void fullHandshake(CipherSuite suite, NamedGroup group, Kind kind, boolean clientAuth) {
        TestConfig client = Tls12Configs.client().suites(suite).groups(group);
        if (kind == Kind.EC_P256 && group != NamedGroup.SECP256R1) {
            // RFC 8422 §5.1: the certificate's curve must be among the client's groups; the first is used for ECDHE
            client.groups(group, NamedGroup.SECP256R1);
        }
        TestConfig server = Tls12Configs.server();
        server.clientAuth = clientAuth ? ClientAuth.REQUIRED : ClientAuth.NONE;
        LocalCredential serverCert = TestCerts.credential(kind, "server");
        LocalCredential clientCert = TestCerts.credential(clientAuth ? kind : Kind.EC_P256, "client");
        TestCredentials clientCredentials = new TestCredentials().client(clientCert);
        Pipe pipe = Pipe.of(client.build(), clientCredentials, server.build(), new TestCredentials().server(serverCert))
                .handshake();

        Negotiated c = pipe.clientIo.completed();
        Negotiated s = pipe.serverIo.completed();
        boolean rsa = suite.keyExchange() == CipherSuite.KeyExchange.RSA;
        for (Negotiated n : List.of(c, s)) {
            assertEquals(HandshakeConfig.TLS12, n.version());
            assertEquals(Optional.of(suite), n.cipherSuite());
            assertEquals(rsa ? Optional.empty() : Optional.of(group), n.group());
            assertEquals(32, n.sessionId().length());
        }
        assertEquals(c.sessionId(), s.sessionId());
        assertEquals(serverCert.chain(), c.peerCertificates());
        assertEquals(clientAuth ? clientCert.chain() : List.of(), s.peerCertificates());
        assertEquals(clientAuth ? clientCert.chain() : List.of(), c.localCertificates());
        assertEquals(List.of(rsa ? "RSA" : suite.keyExchange() + "_" + suite.authentication()),
                clientCredentials.authTypes);

        assertEquals(pipe.clientIo.writeKeys, pipe.serverIo.readKeys);
        assertEquals(pipe.serverIo.writeKeys, pipe.clientIo.readKeys);
        assertEquals(1, pipe.clientIo.writeKeys.size());
        assertNotEquals(pipe.clientIo.writeKeys.get(0), pipe.serverIo.writeKeys.get(0));
        assertEquals(List.of("CLIENT_RANDOM"), List.copyOf(pipe.clientIo.keyLog.keySet()));
        assertArrayEquals(pipe.clientIo.keyLog.get("CLIENT_RANDOM"), pipe.serverIo.keyLog.get("CLIENT_RANDOM"));
        assertEquals(48, pipe.clientIo.keyLog.get("CLIENT_RANDOM").length);
        ClientHello ch = (ClientHello) pipe.clientIo.outbox.get(0).message();
        assertArrayEquals(ch.random().toByteArray(), pipe.serverIo.keyLogRandoms.get(0));
        assertArrayEquals(pipe.clientIo.transcript().current(), pipe.serverIo.transcript().current());

        assertEquals(clientFlight(clientAuth), pipe.clientIo.sentTypes());
        assertEquals(serverFlight(rsa, clientAuth), pipe.serverIo.sentTypes());
        ServerHello sh = (ServerHello) pipe.serverIo.outbox.get(0).message();
        assertTrue(sh.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET));
        assertTrue(sh.extensions().contains(ExtensionType.RENEGOTIATION_INFO));
        assertEquals(!sh.hasTls12DowngradeSentinel(), true, "a TLS 1.2-only server sets no sentinel");
        assertEquals("Traffic", ((StateMachine) pipe.client).stateName());
        assertEquals("Traffic", ((StateMachine) pipe.server).stateName());
    }

    /** A client that offers TLS 1.3 too ends up in the same TLS 1.2 handshake with a TLS 1.2 server. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void combinedHelloToTls12Server(CipherSuite suite) {
        TestConfig client = Tls12Configs.both(TestConfig.client());
        Kind kind = Tls12Configs.kinds(suite).get(0);
        Pipe pipe = Pipe.of(client.build(), new TestCredentials(), Tls12Configs.server().suites(suite).build(),
                new TestCredentials().server(TestCerts.credential(kind, "server"))).handshake();
        assertEquals(HandshakeConfig.TLS12, pipe.clientIo.completed().version());
        assertEquals(Optional.of(suite), pipe.clientIo.completed().cipherSuite());
        ClientHello ch = (ClientHello) pipe.clientIo.outbox.get(0).message();
        assertEquals(32, ch.legacySessionId().length(), "TLS 1.3 compatibility mode");
        assertTrue(ch.extensions().keyShareClientHello().isPresent());
        assertEquals(List.of("ClientHello", "ClientKeyExchange", "CCS", "Finished (protected)"), pipe.clientIo.sentTypes(),
                "no TLS 1.3 compatibility CCS after a TLS 1.2 ServerHello");
        assertArrayEquals(pipe.clientIo.keyLog.get("CLIENT_RANDOM"), pipe.serverIo.keyLog.get("CLIENT_RANDOM"));
    }

    static Stream<CipherSuite> suites() {
        return Tls12Configs.SUITES.stream();
    }

    static List<String> clientFlight(boolean clientAuth) {
        return clientAuth
                ? List.of("ClientHello", "Certificate", "ClientKeyExchange", "CertificateVerify", "CCS", "Finished (protected)")
                : List.of("ClientHello", "ClientKeyExchange", "CCS", "Finished (protected)");
    }

    static List<String> serverFlight(boolean rsa, boolean clientAuth) {
        List<String> out = new ArrayList<>(List.of("ServerHello", "Certificate"));
        if (!rsa) {
            out.add("ServerKeyExchange");
        }
        if (clientAuth) {
            out.add("CertificateRequest");
        }
        out.addAll(List.of("ServerHelloDone", "CCS", "Finished (protected)"));
        return out;
    }
}
