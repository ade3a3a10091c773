package dev.bastion.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.TestCerts.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The peer's signature schemes the handshake session shows (what key managers read to pick a
 * chain the peer can verify): signature_algorithms_cert when the peer sent it, since it governs
 * signatures in certificates, else signature_algorithms (RFC 8446 §4.2.3). JDK 25 clients list
 * rsa_pkcs1_sha256 only in signature_algorithms_cert; a chain signed with it must stay usable.
 */
class Tls13PeerSignatureSchemesTest {
    private final LocalCredential rsa = TestCerts.credential(Kind.RSA_2048, "server");
    private final LocalCredential clientCert = TestCerts.credential(Kind.EC_P256, "client");

    @Test
    void serverSessionShowsTheClientsCertificateSchemes() {
        TestConfig client = TestConfig.client();
        client.schemes = List.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.ECDSA_SECP256R1_SHA256);
        client.certificateSchemes = List.of(SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA256);
        Pipe pipe = Pipe.tls13(client.build(), new TestCredentials(), TestConfig.server().build(),
                new TestCredentials().server(rsa)).handshake();
        assertEquals(List.of("rsa_pkcs1_sha256", "rsa_pss_rsae_sha256"), pipe.serverIo.sessions.get(0).peerSignatureSchemes());
        assertEquals(List.of("rsa_pkcs1_sha256", "rsa_pss_rsae_sha256"), pipe.serverIo.completed().peerSignatureSchemes());
    }

    @Test
    void withoutSignatureAlgorithmsCertTheSignatureAlgorithmsApply() {
        TestConfig client = TestConfig.client();
        client.schemes = List.of(SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.ED25519);
        Pipe pipe = Pipe.tls13(client.build(), new TestCredentials(), TestConfig.server().build(),
                new TestCredentials().server(rsa)).handshake();
        assertEquals(List.of("rsa_pss_rsae_sha384", "ed25519"), pipe.serverIo.sessions.get(0).peerSignatureSchemes());
    }

    @Test
    void clientSessionShowsTheCertificateRequestsCertificateSchemes() {
        TestConfig server = TestConfig.server();
        server.clientAuth = ClientAuth.REQUIRED;
        server.certificateSchemes = List.of(SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.RSA_PKCS1_SHA256);
        Pipe pipe = Pipe.tls13(TestConfig.client().build(), new TestCredentials().client(clientCert), server.build(),
                new TestCredentials().server(rsa)).handshake();
        assertEquals(List.of("ecdsa_secp256r1_sha256", "rsa_pkcs1_sha256"), pipe.clientIo.completed().peerSignatureSchemes());
    }
}
