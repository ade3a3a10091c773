package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bastion.tls.it.support.DisableExtensionsProbe;
import dev.bastion.tls.it.support.FreshJvm;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * SunJSSE's {@code jdk.tls.client.disableExtensions} / {@code jdk.tls.server.disableExtensions}
 * (read once per JVM, so each case runs in a fresh one), in every pairing of SunJSSE and Bastion
 * clients and servers: what is negotiated, which server name the server saw, which ALPN protocol
 * each side reports.
 */
class DisableExtensionsTest {
    private static final String[] PROVIDERS = {"SunJSSE", "Bastion"};
    private static final String SNI = "[type=host_name (0), value=peer.example.org]";
    private static final String CLIENT = "jdk.tls.client.disableExtensions=";
    private static final String SERVER = "jdk.tls.server.disableExtensions=";

    @Test
    void nothingDisabled() throws Exception {
        Map<String, String> v = probe(List.of());
        each(k -> expect(v, k, "TLSv1.3", SNI, "h2", "h2"));
    }

    @Test
    void clientWithoutServerNameAndAlpn() throws Exception {
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
            Map<String, String> v = probe(List.of(CLIENT + "server_name,application_layer_protocol_negotiation"),
                    protocol);
            // SunJSSE's client, its ALPN switched off, reports null (never determined) where
            // Bastion's reports "" (none), as the SSLEngine javadoc says once the handshake is done
            each(k -> expect(v, k, protocol, "[]", k.startsWith("SunJSSE-") ? null : "", ""));
        }
    }

    @Test
    void serverIgnoringServerNameAndAlpn() throws Exception {
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
            Map<String, String> v = probe(List.of(SERVER + "\" server_name , application_layer_protocol_negotiation \""),
                    protocol);
            each(k -> expect(v, k, protocol, "[]", "", k.endsWith("-SunJSSE") ? null : ""));
        }
    }

    @Test
    void unknownNamesAndNamesBastionNeverSendsChangeNothing() throws Exception {
        Map<String, String> v = probe(List.of(CLIENT + "no_such_extension,srp", SERVER + "truncated_hmac"));
        each(k -> expect(v, k, "TLSv1.3", SNI, "h2", "h2"));
    }

    @Test
    void optionalTls12ExtensionsOffOnEitherSide() throws Exception {
        String optional = "status_request,extended_master_secret,session_ticket,renegotiation_info,ec_point_formats,"
                + "signature_algorithms_cert";
        Map<String, String> client = probe(List.of(CLIENT + optional + ",psk_key_exchange_modes"), "TLSv1.2");
        each(k -> expect(client, k, "TLSv1.2", SNI, "h2", "h2"));
        Map<String, String> server = probe(List.of(SERVER + optional), "TLSv1.2");
        each(k -> expect(server, k, "TLSv1.2", SNI, "h2", "h2"));
    }

    /**
     * A TLS 1.3 ClientHello needs supported_versions and key_share. SunJSSE's client sends its
     * hello without them and then refuses the TLS 1.2 answer (its downgrade check); Bastion's
     * client offers TLS 1.2 alone, which works.
     */
    @Test
    void clientWithoutSupportedVersionsOrKeyShareOffersTls12() throws Exception {
        for (String name : new String[] {"supported_versions", "key_share"}) {
            Map<String, String> v = probe(List.of(CLIENT + name));
            each(k -> {
                if (k.startsWith("SunJSSE-")) {
                    assertEquals("SSLHandshakeException", v.get(k + ".error"), k);
                } else {
                    expect(v, k, "TLSv1.2", SNI, "h2", "h2");
                }
            });
        }
    }

    /**
     * A server that ignores supported_versions answers TLS 1.2 with the downgrade sentinel of a
     * TLS 1.3 server (RFC 8446 §4.1.3), which every TLS 1.3 client, SunJSSE's and Bastion's,
     * refuses: the same with either server.
     */
    @Test
    void serverIgnoringSupportedVersionsFailsTls13Clients() throws Exception {
        Map<String, String> v = probe(List.of(SERVER + "supported_versions"));
        each(k -> assertEquals("SSLHandshakeException", v.get(k + ".error"), k));
    }

    private static void expect(Map<String, String> v, String k, String protocol, String serverSaw, String clientAlpn,
            String serverAlpn) {
        assertEquals(null, v.get(k + ".error"), k);
        assertEquals(protocol, v.get(k + ".protocol"), k);
        assertEquals(serverSaw, v.get(k + ".serverSaw"), k);
        assertEquals(String.valueOf(clientAlpn), v.get(k + ".clientAlpn"), k);
        assertEquals(String.valueOf(serverAlpn), v.get(k + ".serverAlpn"), k);
    }

    private static void each(Consumer<String> check) {
        for (String c : PROVIDERS) {
            for (String s : PROVIDERS) {
                check.accept(c + "-" + s);
            }
        }
    }

    private static Map<String, String> probe(List<String> properties, String... protocol) throws Exception {
        return FreshJvm.probe(DisableExtensionsProbe.class, properties, protocol);
    }
}
