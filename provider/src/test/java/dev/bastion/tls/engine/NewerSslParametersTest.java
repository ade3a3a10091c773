package dev.bastion.tls.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bastion.tls.BastionProvider;
import dev.bastion.tls.BastionSessions;
import dev.bastion.tls.connection.config.NewerSslParameters;
import dev.bastion.tls.testutil.SelfSigned;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code SSLParameters.setNamedGroups} (Java 20) and {@code setSignatureSchemes} (Java 19) on
 * Bastion's engines, as SunJSSE 25 answers them: the groups reported are the context's until set,
 * names Bastion does not know are kept in the parameters and ignored by the handshake, a null
 * list of groups means the context's again, a null list of schemes leaves them as they were; the
 * handshake offers (client) or accepts (server) only what was set. These APIs do not exist on
 * Java 17, where the tests are skipped; the build runs them on JDK 25.
 */
class NewerSslParametersTest {
    private SelfSigned pki;
    private SSLContext bastion;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(NewerSslParameters.hasNamedGroups(), "SSLParameters has no named groups before Java 20");
        pki = SelfSigned.localhost();
        bastion = SSLContext.getInstance("TLS", new BastionProvider());
        bastion.init(pki.keyManagers(), pki.trustManagers(), null);
    }

    @Test
    void reportsTheContextsGroupsAndNoSchemesUntilSet() throws Exception {
        SSLParameters p = client().getSSLParameters();
        String[] groups = NewerSslParameters.namedGroups(p);
        assertEquals("X25519MLKEM768", groups[0]);
        assertEquals(List.of("X25519MLKEM768", "x25519", "secp256r1", "secp384r1", "secp521r1", "x448", "ffdhe2048",
                "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192"), List.of(groups));
        assertNull(NewerSslParameters.signatureSchemes(p), "as SunJSSE: none unless the application set them");
        assertArrayEquals(groups, NewerSslParameters.namedGroups(bastion.getDefaultSSLParameters()));
        assertArrayEquals(groups, NewerSslParameters.namedGroups(bastion.getSupportedSSLParameters()));
    }

    @Test
    void schemesReportedAreThoseThePropertyNames() throws Exception {
        SSLContext ctx = Engines.propertyContext("TLS", java.util.Map.of("jdk.tls.client.SignatureSchemes",
                "ecdsa_secp256r1_sha256,nosuch,rsa_pss_rsae_sha256"));
        SSLEngine e = ctx.createSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        assertArrayEquals(new String[] {"ecdsa_secp256r1_sha256", "rsa_pss_rsae_sha256"},
                NewerSslParameters.signatureSchemes(e.getSSLParameters()), "as SunJSSE 25: the property's known names");
        e.setUseClientMode(false);
        assertNull(NewerSslParameters.signatureSchemes(e.getSSLParameters()), "the server property is not set");
    }

    @Test
    void clientOffersOnlyTheGroupsSet() throws Exception {
        SSLEngine client = client();
        set(client, new String[] {"foo", "secp384r1"}, null);
        assertArrayEquals(new String[] {"foo", "secp384r1"}, NewerSslParameters.namedGroups(client.getSSLParameters()),
                "an unknown name is kept, as SunJSSE keeps it");
        SSLEngine server = server();
        Engines.pump(client, server);
        assertEquals(Optional.of("secp384r1"), BastionSessions.namedGroup(client.getSession()));
    }

    @Test
    void serverAcceptsOnlyTheGroupsSet() throws Exception {
        SSLEngine server = server();
        set(server, new String[] {"secp521r1"}, null);
        SSLEngine client = client();
        Engines.pump(client, server);
        assertEquals(Optional.of("secp521r1"), BastionSessions.namedGroup(server.getSession()),
                "a HelloRetryRequest asked the client for the server's only group");
    }

    @Test
    void sunJsseServerSeesOnlyTheGroupsSet() throws Exception {
        SSLContext sun = SSLContext.getInstance("TLS", "SunJSSE");
        sun.init(pki.keyManagers(), pki.trustManagers(), null);
        SSLEngine server = sun.createSSLEngine();
        server.setUseClientMode(false);
        SSLEngine client = client();
        set(client, new String[] {"secp256r1"}, null);
        Engines.pump(client, server);
        assertEquals(Optional.of("secp256r1"), BastionSessions.namedGroup(client.getSession()));
    }

    @Test
    void nullGroupsMeanTheContextsAgainAndNullSchemesChangeNothing() throws Exception {
        SSLEngine client = client();
        set(client, new String[] {"secp384r1"}, new String[] {"ecdsa_secp256r1_sha256"});
        client.setSSLParameters(new SSLParameters());
        SSLParameters p = client.getSSLParameters();
        assertEquals("X25519MLKEM768", NewerSslParameters.namedGroups(p)[0]);
        assertArrayEquals(new String[] {"ecdsa_secp256r1_sha256"}, NewerSslParameters.signatureSchemes(p));
    }

    @Test
    void clientSignatureSchemesLimitWhatItAccepts() throws Exception {
        SSLEngine client = client();
        set(client, null, new String[] {"bar", "ecdsa_secp256r1_sha256"});
        Engines.pump(client, server());
        assertEquals(List.of("SHA256withECDSA"),
                List.of(((ExtendedSSLSession) client.getSession()).getLocalSupportedSignatureAlgorithms()));

        SSLEngine rsaOnly = bastion.createSSLEngine("localhost", 8443); // another peer: nothing to resume
        rsaOnly.setUseClientMode(true);
        set(rsaOnly, null, new String[] {"rsa_pss_rsae_sha256"});
        SSLEngine server = server();
        assertThrows(SSLHandshakeException.class, () -> Engines.pump(rsaOnly, server),
                "an ECDSA-only server has no scheme the client accepts");
    }

    private SSLEngine client() {
        SSLEngine e = bastion.createSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        return e;
    }

    private SSLEngine server() {
        SSLEngine e = bastion.createSSLEngine();
        e.setUseClientMode(false);
        return e;
    }

    private static void set(SSLEngine e, String[] groups, String[] schemes) {
        SSLParameters p = e.getSSLParameters();
        if (groups != null) {
            NewerSslParameters.setNamedGroups(p, groups);
        }
        if (schemes != null) {
            NewerSslParameters.setSignatureSchemes(p, schemes);
        }
        e.setSSLParameters(p);
    }
}
