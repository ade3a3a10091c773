package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.PropertyProbe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code jdk.tls.client.SignatureSchemes} and {@code jdk.tls.server.SignatureSchemes} with real
 * engines, in a fresh JVM per property (SunJSSE reads them once per JVM; Bastion when a context
 * is created): {@link PropertyProbe} runs every (client, server) pair of SunJSSE and Bastion, TLS
 * 1.3 and TLS 1.2. Certificates are self-signed with a scheme the property names, so that the
 * key managers' check of the chain against the peer's schemes does not decide the outcome.
 *
 * <p>What a client offers is read on the server's handshake session
 * ({@code ExtendedSSLSession.getPeerSupportedSignatureAlgorithms}, when the key manager is
 * asked for a key, and after the handshake); what a server asks for in its CertificateRequest
 * on the client's. Differences from SunJSSE 17, asserted for Bastion only where RFC 8446 says
 * what to do:
 * <ul>
 * <li>A TLS 1.3 server whose key fits none of the schemes both sides accept: SunJSSE sends
 *     {@code internal_error}, Bastion {@code handshake_failure} (RFC 8446 §4.1.1: no overlap
 *     in parameters, "handshake_failure" or "insufficient_security").
 * <li>TLS 1.2: SunJSSE binds an ECDSA scheme to its curve as in TLS 1.3 and fails; Bastion
 *     signs with the scheme's hash on the key's curve, which RFC 8446 §4.2.3 says TLS 1.2
 *     allows ("the old semantics did not constrain the signing curve").
 * <li>Not asserted: with {@code jdk.tls.server.SignatureSchemes} set, a SunJSSE server's
 *     session reports the client's schemes that the server also accepts; Bastion's reports all
 *     the client sent (the javadoc: those "the peer is able to use").
 * </ul>
 */
class SignatureSchemesPropertyTest {
    private static final String[] PROVIDERS = {"SunJSSE", "Bastion"};
    private static final int ECDSA_SECP256R1_SHA256 = 0x0403;
    private static final int ECDSA_SECP384R1_SHA384 = 0x0503;
    private static final int RSA_PSS_RSAE_SHA256 = 0x0804;

    @Test
    void serverLimitedToP384Sha384() throws Exception {
        Map<String, String> v = PropertyProbe.runWith(List.of("jdk.tls.server.SignatureSchemes=ecdsa_secp384r1_sha384"),
                "schemes", "SHA384withECDSA");
        for (String c : PROVIDERS) {
            for (String s : PROVIDERS) {
                String pair = c + "-" + s;
                // a P-256 key cannot sign with ecdsa_secp384r1_sha384 in TLS 1.3 (RFC 8446 §4.2.3)
                String k = pair + "-TLSv1.3-p256";
                assertFatalAlert(v, k, s.equals("Bastion") ? "handshake_failure" : null);
                for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                    // the CertificateRequest names only the server's scheme
                    k = pair + "-" + protocol + "-p384auth";
                    assertOk(v, k);
                    assertEquals("[SHA384withECDSA]", v.get(k + ".clientSawRequested"), k);
                    assertEquals("[SHA384withECDSA]", v.get(k + ".clientPeerSupported"), k);
                }
                assertEquals(String.valueOf(ECDSA_SECP384R1_SHA384), v.get(pair + "-TLSv1.2-p384auth.ske"), pair);
                k = pair + "-TLSv1.2-p256";
                if (s.equals("Bastion")) {
                    assertOk(v, k);
                    assertEquals(String.valueOf(ECDSA_SECP384R1_SHA384), v.get(k + ".ske"), k);
                } else {
                    assertNotNull(v.get(k + ".server"), k + ": SunJSSE binds the curve in TLS 1.2 too");
                }
            }
        }
    }

    @Test
    void clientLimitedToRsaPssFailsAgainstAnEcdsaServer() throws Exception {
        Map<String, String> v = PropertyProbe.runWith(List.of("jdk.tls.client.SignatureSchemes=rsa_pss_rsae_sha256"),
                "schemes", "SHA256withECDSA");
        for (String c : PROVIDERS) {
            for (String s : PROVIDERS) {
                for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                    String k = c + "-" + s + "-" + protocol;
                    assertFatalAlert(v, k + "-p256", "handshake_failure");
                    assertEquals("[RSASSA-PSS]", v.get(k + "-p256.serverSawOffered"), k);
                    assertOk(v, k + "-rsa");
                    assertEquals("[RSASSA-PSS]", v.get(k + "-rsa.serverSawOffered"), k);
                    assertEquals("[RSASSA-PSS]", v.get(k + "-rsa.serverPeerSupported"), k);
                }
                assertEquals(String.valueOf(RSA_PSS_RSAE_SHA256), v.get(c + "-" + s + "-TLSv1.2-rsa.ske"));
            }
        }
    }

    @Test
    void clientLimitedToP256Sha256() throws Exception {
        Map<String, String> v = PropertyProbe.runWith(List.of("jdk.tls.client.SignatureSchemes=ecdsa_secp256r1_sha256"),
                "schemes", "SHA256withECDSA");
        for (String c : PROVIDERS) {
            for (String s : PROVIDERS) {
                String pair = c + "-" + s;
                for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                    String k = pair + "-" + protocol + "-p256";
                    assertOk(v, k);
                    assertEquals("[SHA256withECDSA]", v.get(k + ".serverSawOffered"), k);
                    assertEquals("[SHA256withECDSA]", v.get(k + ".serverPeerSupported"), k);
                }
                // the signature the client checks (TLS 1.2: in the clear in ServerKeyExchange)
                assertEquals(String.valueOf(ECDSA_SECP256R1_SHA256), v.get(pair + "-TLSv1.2-p256.ske"), pair);
                String k = pair + "-TLSv1.3-p384";
                assertFatalAlert(v, k, s.equals("Bastion") ? "handshake_failure" : null);
                k = pair + "-TLSv1.2-p384";
                if (s.equals("Bastion")) {
                    assertOk(v, k);
                    assertEquals(String.valueOf(ECDSA_SECP256R1_SHA256), v.get(k + ".ske"), k);
                } else {
                    assertNotNull(v.get(k + ".server"), k + ": SunJSSE binds the curve in TLS 1.2 too");
                }
            }
        }
    }

    static void assertOk(Map<String, String> v, String k) {
        assertNull(v.get(k + ".client"), k + ": " + v.get(k + ".client"));
        assertNull(v.get(k + ".server"), k + ": " + v.get(k + ".server"));
        assertNull(v.get(k + ".error"), k);
        assertNotNull(v.get(k + ".protocol"), k);
    }

    /** The server failed, the client got a fatal alert ({@code alert}, when not null), and no protocol was agreed. */
    static void assertFatalAlert(Map<String, String> v, String k, String alert) {
        assertNotNull(v.get(k + ".server"), k + ": the handshake worked: " + v.get(k + ".protocol"));
        String client = v.get(k + ".client");
        assertTrue(client != null && client.contains("Received fatal alert: " + (alert == null ? "" : alert)),
                k + ": " + client + " / server " + v.get(k + ".server"));
        assertNull(v.get(k + ".protocol"), k);
    }
}
