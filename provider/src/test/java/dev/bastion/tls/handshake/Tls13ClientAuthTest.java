package dev.bastion.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.handshake.TestCerts.Kind;
import dev.bastion.tls.message.Certificate;
import dev.bastion.tls.message.CertificateRequest;
import dev.bastion.tls.message.CertificateVerify;
import dev.bastion.tls.message.Side;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Client authentication (RFC 8446 §4.3.2, §4.4.2): required, wanted, refused. */
class Tls13ClientAuthTest {
    private final LocalCredential serverCert = TestCerts.credential(Kind.EC_P256, "server");

    private Pipe pipe(ClientAuth auth, TestCredentials client) {
        TestConfig server = TestConfig.server();
        server.clientAuth = auth;
        return Pipe.tls13(TestConfig.client().build(), client, server.build(), new TestCredentials().server(serverCert));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void requiredWithCertificate(Kind kind) {
        LocalCredential clientCert = TestCerts.credential(kind, "client");
        TestCredentials client = new TestCredentials().client(clientCert);
        Pipe pipe = pipe(ClientAuth.REQUIRED, client).handshake();
        Negotiated c = pipe.clientIo.completed();
        Negotiated s = pipe.serverIo.completed();
        assertEquals(clientCert.chain(), c.localCertificates());
        assertEquals(clientCert.chain(), s.peerCertificates());
        assertEquals(serverCert.chain(), c.peerCertificates());
        TestCredentials server = (TestCredentials) pipe.serverIo.credentials();
        assertEquals(1, server.clientChecks.size());
        assertEquals(List.of(clientAuthType(kind)), server.authTypes);
        assertEquals(Tls13HandshakeTest.expectedScheme(kind).code(),
                Tls13HandshakeTest.sent(pipe.clientIo, CertificateVerify.class).signatureScheme());
        CertificateRequest cr = Tls13HandshakeTest.sent(pipe.serverIo, CertificateRequest.class);
        assertTrue(cr.certificateRequestContext().isEmpty());
        assertTrue(c.peerSignatureSchemes().contains("ecdsa_secp256r1_sha256"), c.peerSignatureSchemes().toString());
        assertEquals(List.of("ClientHello", "CCS", "Certificate (protected)", "CertificateVerify (protected)",
                "Finished (protected)"), pipe.clientIo.sentTypes());
        Tls13HandshakeTest.assertSameKeys(pipe);
    }

    @Test
    void requiredWithoutCertificateIsCertificateRequired() {
        Pipe pipe = pipe(ClientAuth.REQUIRED, new TestCredentials());
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.CERTIFICATE_REQUIRED, a.alert());
        assertEquals(Side.SERVER, pipe.failed);
        assertEquals(0, Tls13HandshakeTest.sent(pipe.clientIo, Certificate.class).entries().size());
        assertTrue(pipe.serverIo.completions.isEmpty());
    }

    @Test
    void wantedWithoutCertificateSucceeds() {
        Pipe pipe = pipe(ClientAuth.WANTED, new TestCredentials()).handshake();
        assertEquals(List.of(), pipe.serverIo.completed().peerCertificates());
        assertEquals(List.of(), pipe.clientIo.completed().localCertificates());
        assertEquals(List.of("ClientHello", "CCS", "Certificate (protected)", "Finished (protected)"),
                pipe.clientIo.sentTypes());
        Tls13HandshakeTest.assertSameKeys(pipe);
    }

    /** A client certificate whose key type the request's schemes do not cover is not sent. */
    @Test
    void clientCertificateOfUnrequestedKindIsNotSent() {
        TestConfig server = TestConfig.server();
        server.clientAuth = ClientAuth.WANTED;
        server.schemes = List.of(dev.bastion.tls.crypto.SignatureScheme.ECDSA_SECP256R1_SHA256);
        TestCredentials client = new TestCredentials().client(TestCerts.credential(Kind.ED25519, "client"));
        Pipe pipe = Pipe.tls13(TestConfig.client().build(), client, server.build(),
                new TestCredentials().server(serverCert)).handshake();
        assertEquals(List.of(List.of("EC")), client.clientKeyTypeRequests);
        assertEquals(List.of(), pipe.serverIo.completed().peerCertificates());
    }

    @Test
    void distrustedClientChainFails() {
        TestCredentials client = new TestCredentials().client(TestCerts.credential(Kind.EC_P256, "client"));
        Pipe pipe = pipe(ClientAuth.WANTED, client);
        ((TestCredentials) pipe.serverIo.credentials()).distrust = new TlsAlert(AlertDescription.CERTIFICATE_UNKNOWN,
                "test trust manager refuses");
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.CERTIFICATE_UNKNOWN, a.alert());
        assertEquals(Side.SERVER, pipe.failed);
    }

    @Test
    void distrustedServerChainFails() {
        TestCredentials client = new TestCredentials();
        client.distrust = new TlsAlert(AlertDescription.BAD_CERTIFICATE, "test trust manager refuses");
        Pipe pipe = pipe(ClientAuth.NONE, client);
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.BAD_CERTIFICATE, a.alert());
        assertEquals(Side.CLIENT, pipe.failed);
        assertTrue(pipe.clientIo.completions.isEmpty());
    }

    private static String clientAuthType(Kind kind) {
        return kind == Kind.RSA_2048 ? "RSA" : kind == Kind.EC_P256 || kind == Kind.EC_P384 ? "EC" : "UNKNOWN";
    }
}
