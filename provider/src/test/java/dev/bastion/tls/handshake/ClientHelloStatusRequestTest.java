package dev.bastion.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.StatusRequest;
import java.util.List;
import javax.net.ssl.SNIHostName;
import org.junit.jupiter.api.Test;

/**
 * A client that asks for an OCSP staple sends status_request right after server_name: a
 * CertificateStatusRequest of type ocsp(1) naming no responders and no request extensions
 * (RFC 6066 §8), the request SunJSSE's client sends by default; one that does not, sends none.
 */
class ClientHelloStatusRequestTest {
    private static ClientHello hello(boolean statusRequest, List<Integer> versions) {
        TestConfig t = TestConfig.client();
        t.statusRequest = statusRequest;
        t.versions = versions;
        t.serverNames = List.of(new SNIHostName("example.com"));
        return ClientHellos.build(t.build(), Opaque.of(new byte[32]), Opaque.of(new byte[0]), List.of());
    }

    @Test
    void anOcspRequestFollowsServerName() {
        for (List<Integer> versions : List.of(List.of(HandshakeConfig.TLS13, HandshakeConfig.TLS12),
                List.of(HandshakeConfig.TLS13), List.of(HandshakeConfig.TLS12))) {
            ClientHello ch = hello(true, versions);
            List<Integer> codes = ch.extensions().codes();
            assertEquals(ExtensionType.SERVER_NAME.code(), codes.get(0), versions.toString());
            assertEquals(ExtensionType.STATUS_REQUEST.code(), codes.get(1), versions.toString());
            assertEquals("0100000000", ch.extensions().get(StatusRequest.class).orElseThrow().data().hex());
        }
    }

    @Test
    void noRequestWhenSwitchedOff() {
        assertFalse(hello(false, List.of(HandshakeConfig.TLS13, HandshakeConfig.TLS12)).extensions()
                .contains(ExtensionType.STATUS_REQUEST));
    }
}
