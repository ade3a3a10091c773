package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.bastion.tls.it.support.PropertyProbe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code jdk.tls.client.enableCAExtension=true} in a fresh JVM (SunJSSE reads it once): a TLS 1.3
 * client names the CAs its trust manager accepts in certificate_authorities, and every server,
 * SunJSSE's or Bastion's, hands them to its key manager as the issuers; Bastion's client names
 * the same ones SunJSSE's does. TLS 1.2 ClientHellos carry no such list; off by default.
 */
class ClientCaExtensionPropertyTest {
    private static final String[] PROVIDERS = {"SunJSSE", "Bastion"};

    @Test
    void tls13ClientsNameTheirCas() throws Exception {
        Map<String, String> v = PropertyProbe.runWith(List.of("jdk.tls.client.enableCAExtension=true"), "ca");
        for (String s : PROVIDERS) {
            String sun = v.get("SunJSSE-" + s + "-TLSv1.3-ca.serverIssuers");
            assertNotEquals("null", sun, "SunJSSE client -> " + s);
            assertEquals(sun, v.get("Bastion-" + s + "-TLSv1.3-ca.serverIssuers"), "Bastion client -> " + s);
            for (String c : PROVIDERS) {
                SignatureSchemesPropertyTest.assertOk(v, c + "-" + s + "-TLSv1.3-ca");
                SignatureSchemesPropertyTest.assertOk(v, c + "-" + s + "-TLSv1.2-ca");
                assertEquals("null", v.get(c + "-" + s + "-TLSv1.2-ca.serverIssuers"), c + " -> " + s + " TLS 1.2");
            }
        }
    }

    @Test
    void offByDefault() throws Exception {
        Map<String, String> v = PropertyProbe.runWith(List.of(), "ca");
        for (String c : PROVIDERS) {
            for (String s : PROVIDERS) {
                for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                    assertEquals("null", v.get(c + "-" + s + "-" + protocol + "-ca.serverIssuers"), c + " -> " + s);
                }
            }
        }
    }
}
