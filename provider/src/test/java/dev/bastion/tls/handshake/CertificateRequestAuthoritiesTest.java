package dev.bastion.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.handshake.TestCerts.Kind;
import dev.bastion.tls.message.CertificateRequest;
import dev.bastion.tls.message.CertificateRequest12;
import dev.bastion.tls.message.ext.CertificateAuthorities;
import dev.bastion.tls.message.ext.Opaque;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

/**
 * A server's CertificateRequest names the CAs its trust manager accepts (RFC 8446 §4.2.4
 * certificate_authorities; RFC 5246 §7.4.4), and the client's key manager is asked with them,
 * so that a client holding several certificates picks one the server trusts.
 */
class CertificateRequestAuthoritiesTest {
    private static final X500Principal ROOT_A = new X500Principal("CN=Root A, O=Bastion Test");
    private static final X500Principal ROOT_B = new X500Principal("CN=Root B, O=Bastion Test, C=NL");

    private final LocalCredential serverCert = TestCerts.credential(Kind.EC_P256, "server");
    private final TestCredentials client = new TestCredentials().client(TestCerts.credential(Kind.EC_P256, "client"));
    private final TestCredentials server = new TestCredentials().server(serverCert);

    private Pipe tls13() {
        TestConfig s = TestConfig.server();
        s.clientAuth = ClientAuth.REQUIRED;
        return Pipe.tls13(TestConfig.client().build(), client, s.build(), server).handshake();
    }

    private Pipe tls12() {
        TestConfig s = Tls12Configs.server();
        s.clientAuth = ClientAuth.REQUIRED;
        return Pipe.of(Tls12Configs.client().build(), client, s.build(), server).handshake();
    }

    @Test
    void tls13RequestCarriesTheAcceptedIssuers() {
        server.acceptedIssuers = List.of(ROOT_A.getEncoded(), ROOT_B.getEncoded());
        Pipe pipe = tls13();
        CertificateRequest cr = Tls13HandshakeTest.sent(pipe.serverIo, CertificateRequest.class);
        assertEquals(List.of(Opaque.of(ROOT_A.getEncoded()), Opaque.of(ROOT_B.getEncoded())),
                cr.extensions().get(CertificateAuthorities.class).orElseThrow().authorities());
        assertEquals(List.of(List.<Principal>of(ROOT_A, ROOT_B)), client.clientIssuerRequests);
        assertEquals(1, pipe.serverIo.completed().peerCertificates().size());
    }

    @Test
    void tls13RequestWithoutIssuersHasNoExtension() {
        Pipe pipe = tls13();
        CertificateRequest cr = Tls13HandshakeTest.sent(pipe.serverIo, CertificateRequest.class);
        assertTrue(cr.extensions().get(CertificateAuthorities.class).isEmpty(), cr.toString());
        assertEquals(List.of(List.<Principal>of()), client.clientIssuerRequests);
    }

    @Test
    void tls12RequestCarriesTheAcceptedIssuers() {
        server.acceptedIssuers = List.of(ROOT_B.getEncoded(), ROOT_A.getEncoded());
        Pipe pipe = tls12();
        CertificateRequest12 cr = Tls13HandshakeTest.sent(pipe.serverIo, CertificateRequest12.class);
        assertEquals(List.of(Opaque.of(ROOT_B.getEncoded()), Opaque.of(ROOT_A.getEncoded())), cr.certificateAuthorities());
        assertEquals(List.of(List.<Principal>of(ROOT_B, ROOT_A)), client.clientIssuerRequests);
    }

    @Test
    void tls12RequestWithoutIssuersHasAnEmptyList() {
        Pipe pipe = tls12();
        assertEquals(List.of(), Tls13HandshakeTest.sent(pipe.serverIo, CertificateRequest12.class).certificateAuthorities());
        assertEquals(List.of(List.<Principal>of()), client.clientIssuerRequests);
    }

    /** The list is a 2^16-1-byte vector: names that fit are all sent; one byte more and none are. */
    @Test
    void namesThatDoNotFitTheVectorAreLeftOutAltogether() {
        List<byte[]> fits = new ArrayList<>();
        int length = 0;
        while (length + 2 + 1000 <= 0xFFFF) {
            fits.add(name(1000, fits.size()));
            length += 2 + 1000;
        }
        fits.add(name(0xFFFF - length - 2, 999));
        assertEquals(fits.size(), CertificateChains.authorities(fits).size());

        List<byte[]> tooMany = new ArrayList<>(fits);
        tooMany.add(name(1, 1000));
        assertEquals(List.of(), CertificateChains.authorities(tooMany));

        assertEquals(List.of(Opaque.of(ROOT_A.getEncoded())),
                CertificateChains.authorities(List.of(new byte[0], ROOT_A.getEncoded())), "an empty name is skipped");
    }

    private static byte[] name(int length, int fill) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) fill);
        return b;
    }
}
