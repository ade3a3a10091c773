package dev.bastion.tls.connection.config;

import static dev.bastion.tls.crypto.CipherSuite.TLS_AES_128_GCM_SHA256;
import static dev.bastion.tls.crypto.CipherSuite.TLS_AES_256_GCM_SHA384;
import static dev.bastion.tls.crypto.CipherSuite.TLS_CHACHA20_POLY1305_SHA256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.crypto.AeadAlgorithm;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.Tls12Options;
import dev.bastion.tls.message.ext.ExtensionType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The jdk.tls.* properties as the context reads them (values as the JDK documents them). */
class TlsPolicyTest {

    private static TlsPolicy load(Map<String, String> system, Map<String, String> security, String context) {
        return TlsPolicy.load(PropertySource.of(system, security), context);
    }

    private static TlsPolicy load(Map<String, String> system) {
        return load(system, Map.of(), "TLS");
    }

    /** SunJSSE's default suites are those its default protocols can use. */
    @Test
    void defaultSuitesFitTheDefaultProtocols() {
        TlsPolicy tls12Context = load(Map.of(), Map.of(), "TLSv1.2");
        assertTrue(tls12Context.clientSuites().stream().noneMatch(CipherSuite::isTls13), tls12Context.clientSuites().toString());
        assertTrue(tls12Context.clientSuites().contains(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256));
        assertTrue(tls12Context.serverSuites().contains(CipherSuite.TLS_AES_128_GCM_SHA256), "its servers enable TLS 1.3");
        TlsPolicy only13 = load(Map.of("jdk.tls.client.protocols", "TLSv1.3",
                "jdk.tls.client.cipherSuites", "TLS_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
        assertEquals(List.of(CipherSuite.TLS_AES_256_GCM_SHA384), only13.clientSuites());
        TlsPolicy server12 = load(Map.of("jdk.tls.server.protocols", "TLSv1.2"));
        assertTrue(server12.serverSuites().stream().noneMatch(CipherSuite::isTls13));
        assertTrue(server12.clientSuites().contains(CipherSuite.TLS_AES_128_GCM_SHA256));
    }

    @Test
    void defaultsEnableTls13AndTls12AndTheIssueGroups() {
        TlsPolicy p = load(Map.of());
        assertEquals(List.of(Protocol.TLS13, Protocol.TLS12), p.clientProtocols(), "as SunJSSE");
        assertEquals(List.of(Protocol.TLS13, Protocol.TLS12), p.serverProtocols());
        assertEquals(TlsDefaults.GROUPS, p.groups());
        assertEquals(List.of(NamedGroup.X25519MLKEM768, NamedGroup.X25519), p.keyShareGroups());
        assertEquals(TlsDefaults.CIPHER_SUITES, p.clientSuites());
        assertEquals(32768, p.maxHandshakeMessageSize());
        assertEquals(10, p.maxPeerChainLength(true), "a client takes a server chain of 10, as SunJSSE's");
        assertEquals(Runtime.version().feature() >= 22 ? 8 : 10, p.maxPeerChainLength(false),
                "a server takes a client chain of 8 from Java 22 on, 10 before, as SunJSSE's");
        assertTrue(p.middleboxCompatibility());
        assertTrue(p.statusRequest(), "clients ask for an OCSP staple, as SunJSSE's");
        assertTrue(p.keyLimits().limit(AeadAlgorithm.AES_128_GCM).isEmpty(), "no property, no byte limit");
        assertEquals(Tls12Options.DEFAULT, p.tls12(), "SunJSSE's: extended master secret used, legacy allowed");
    }

    @Test
    void tls12ContextEnablesTls12AndTls13ContextBoth() {
        assertEquals(List.of(Protocol.TLS12), load(Map.of(), Map.of(), "TLSv1.2").clientProtocols());
        assertEquals(List.of(Protocol.TLS13, Protocol.TLS12), load(Map.of(), Map.of(), "TLSv1.2").serverProtocols(),
                "SunJSSE 17's TLSv1.2 context serves TLS 1.3 too");
        assertEquals(List.of(Protocol.TLS13, Protocol.TLS12), load(Map.of(), Map.of(), "TLSv1.3").clientProtocols());
    }

    @Test
    void extendedMasterSecretProperties() {
        TlsPolicy off = load(Map.of("jdk.tls.useExtendedMasterSecret", "false"));
        assertEquals(new Tls12Options(false, true), off.tls12());
        assertTrue(off.tls12().legacyMasterSecretAllowed());
        TlsPolicy strict = load(Map.of("jdk.tls.allowLegacyMasterSecret", "\"false\""));
        assertEquals(new Tls12Options(true, false), strict.tls12());
        assertFalse(strict.tls12().legacyMasterSecretAllowed());
        assertEquals(Tls12Options.DEFAULT, load(Map.of("jdk.tls.useExtendedMasterSecret", "maybe")).tls12(),
                "not a boolean: the default");
        assertTrue(Tls12Options.DEFAULT.allowLegacyResumption());
        assertEquals(new Tls12Options(true, true, Tls12Options.MIN_DH_PRIME_BITS, false),
                load(Map.of("jdk.tls.allowLegacyResumption", "false")).tls12());
    }

    @Test
    void clientAndServerProtocolPropertiesApplyToTlsAndDefaultContextsOnly() {
        Map<String, String> sys = Map.of("jdk.tls.client.protocols", "TLSv1.2, TLSv1.3,TLSv1.1,DTLSv1.2,SSLv2Hello",
                "jdk.tls.server.protocols", "\"TLSv1.3\"");
        TlsPolicy tls = load(sys);
        assertEquals(List.of(Protocol.TLS13, Protocol.TLS12), tls.clientProtocols(),
                "sorted; protocols SunJSSE knows but Bastion does not run are dropped");
        assertEquals(List.of(Protocol.TLS13), tls.serverProtocols());
        assertEquals(List.of(Protocol.TLS13, Protocol.TLS12), load(sys, Map.of(), "Default").clientProtocols());
        assertEquals(List.of(Protocol.TLS13, Protocol.TLS12), load(sys, Map.of(), "TLSv1.3").clientProtocols(),
                "the property does not apply to TLSv1.3 contexts");
    }

    @Test
    void aProtocolPropertyNamingNoProtocolFailsTlsAndDefaultContextsAsSunJsse() {
        for (String property : List.of("jdk.tls.client.protocols", "jdk.tls.server.protocols")) {
            Map<String, String> sys = Map.of(property, "TLSv1.3,FOO");
            for (String context : List.of("TLS", "Default")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> TlsPolicy.checkProtocolProperties(PropertySource.of(sys, Map.of()), context));
                assertTrue(e.getMessage().startsWith(property + ": FOO is not a supported SSL protocol name"), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> load(sys, Map.of(), context));
            }
            TlsPolicy.checkProtocolProperties(PropertySource.of(sys, Map.of()), "TLSv1.3");
            assertEquals(List.of(Protocol.TLS13, Protocol.TLS12), load(sys, Map.of(), "TLSv1.2").serverProtocols(),
                    "other contexts do not read the property");
        }
        assertThrows(IllegalArgumentException.class, () -> load(Map.of("jdk.tls.client.protocols", "tlsv1.2")),
                "names are case-sensitive, as in SunJSSE");
    }

    @Test
    void disabledProtocolIsNotEnabledByTheProperty() {
        TlsPolicy p = load(Map.of("jdk.tls.client.protocols", "TLSv1.3,TLSv1.2"),
                Map.of("jdk.tls.disabledAlgorithms", "TLSv1.2"), "TLS");
        assertEquals(List.of(Protocol.TLS13), p.clientProtocols());
    }

    @Test
    void namedGroupsPropertyOrdersGroupsAndPicksTheFirstForKeyShares() {
        TlsPolicy p = load(Map.of("jdk.tls.namedGroups", "secp384r1, X25519 ,bogus,secp384r1"));
        assertEquals(List.of(NamedGroup.SECP384R1, NamedGroup.X25519), p.groups());
        assertEquals(List.of(NamedGroup.SECP384R1), p.keyShareGroups());
        TlsPolicy hybrid = load(Map.of("jdk.tls.namedGroups", "\"X25519MLKEM768,secp256r1,x25519\""));
        assertEquals(List.of(NamedGroup.X25519MLKEM768, NamedGroup.SECP256R1), hybrid.keyShareGroups());
    }

    @Test
    void cipherSuitePropertiesArePerSide() {
        TlsPolicy p = load(Map.of("jdk.tls.client.cipherSuites", "TLS_AES_128_GCM_SHA256,FOO",
                "jdk.tls.server.cipherSuites", "TLS_CHACHA20_POLY1305_SHA256, TLS_AES_256_GCM_SHA384"));
        assertEquals(List.of(TLS_AES_128_GCM_SHA256), p.clientSuites());
        assertEquals(List.of(TLS_CHACHA20_POLY1305_SHA256, TLS_AES_256_GCM_SHA384), p.serverSuites());
        assertEquals(p.suites(true), p.clientSuites());
    }

    @Test
    void suitePropertiesNamingNothingKnownKeepTheDefaultsAsSunJsse() {
        TlsPolicy p = load(Map.of("jdk.tls.client.cipherSuites", "FOO", "jdk.tls.server.cipherSuites", " BAR , BAZ"));
        assertEquals(p.supportedSuites(), p.clientSuites());
        assertEquals(p.supportedSuites(), p.serverSuites());
        TlsPolicy disabled = load(Map.of("jdk.tls.client.cipherSuites", "FOO,TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
                Map.of("jdk.tls.disabledAlgorithms", "DHE"), "TLS");
        assertEquals(List.of(), disabled.clientSuites(), "a known but disabled suite is honoured: none left, as SunJSSE");
    }

    @Test
    void suiteNamesSunJsseKnowsButBastionDoesNotImplementAreDroppedNotIgnored() {
        TlsPolicy p = load(Map.of("jdk.tls.client.cipherSuites", "TLS_RSA_WITH_AES_128_CBC_SHA,TLS_AES_128_GCM_SHA256",
                "jdk.tls.server.cipherSuites", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, SSL_RSA_WITH_3DES_EDE_CBC_SHA,FOO"));
        assertEquals(List.of(TLS_AES_128_GCM_SHA256), p.clientSuites());
        assertEquals(List.of(), p.serverSuites(), "named only suites Bastion never negotiates: none, not the defaults");
    }

    @Test
    void signatureSchemePropertiesNamingNothingKnownKeepTheDefaultsAsSunJsse() {
        TlsPolicy unset = load(Map.of());
        TlsPolicy p = load(Map.of("jdk.tls.client.SignatureSchemes", "foo", "jdk.tls.server.SignatureSchemes", "bar,baz"));
        assertFalse(p.clientSchemes().isEmpty());
        assertEquals(unset.clientSchemes(), p.clientSchemes());
        assertEquals(unset.serverSchemes(), p.serverSchemes());
        assertEquals(unset.clientCertificateSchemes(), p.clientCertificateSchemes());
        assertEquals(unset.serverCertificateSchemes(), p.serverCertificateSchemes());
    }

    @Test
    void namedGroupsNamingNoSupportedGroupMakesTheContextUnusableAsSunJsse() {
        TlsPolicy p = load(Map.of("jdk.tls.namedGroups", "foo, bar"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::requireUsable);
        assertTrue(e.getMessage().startsWith("System property jdk.tls.namedGroups(foo, bar) contains no supported named groups"),
                e.getMessage());
        load(Map.of("jdk.tls.namedGroups", "foo,x25519")).requireUsable();
        TlsPolicy allDisabled = load(Map.of("jdk.tls.namedGroups", "x25519"), Map.of("jdk.tls.disabledAlgorithms", "x25519"), "TLS");
        allDisabled.requireUsable();
        assertEquals(List.of(), allDisabled.groups(), "known but disabled: no exception (the handshake fails), as SunJSSE");
    }

    @Test
    void disableExtensionsPropertiesAreReadPerSideAsSunJsseSpellsThem() {
        TlsPolicy p = load(Map.of("jdk.tls.client.disableExtensions", "\" server_name, extended_master_secret ,,\"",
                "jdk.tls.server.disableExtensions", "session_ticket,no_such_extension,srp,status_request_v2"));
        assertEquals(Set.of(ExtensionType.SERVER_NAME, ExtensionType.EXTENDED_MASTER_SECRET),
                p.disabledExtensions().client());
        // srp and status_request_v2 are SunJSSE's names for extensions Bastion never sends: nothing to do
        assertEquals(Set.of(ExtensionType.SESSION_TICKET), p.disabledExtensions().server());
        assertEquals(DisabledExtensions.NONE, load(Map.of()).disabledExtensions());
        assertEquals(Set.of(), load(Map.of("jdk.tls.client.disableExtensions", " ")).disabledExtensions().client());
    }

    @Test
    void alpnCharsetIsTheSecurityPropertyIso88591ByDefaultAndAnUnknownOneMakesTheContextUnusable() {
        assertEquals(StandardCharsets.ISO_8859_1, load(Map.of()).alpnCharset());
        assertEquals(StandardCharsets.ISO_8859_1, load(Map.of(), Map.of("jdk.tls.alpnCharset", ""), "TLS").alpnCharset());
        assertEquals(StandardCharsets.UTF_8, load(Map.of(), Map.of("jdk.tls.alpnCharset", "UTF-8"), "TLS").alpnCharset());
        assertEquals(StandardCharsets.UTF_8, load(Map.of(), Map.of("jdk.tls.alpnCharset", " utf8 "), "TLS").alpnCharset());
        // a system property of that name is not read (it is a security property, as in SunJSSE)
        assertEquals(StandardCharsets.ISO_8859_1, load(Map.of("jdk.tls.alpnCharset", "UTF-8")).alpnCharset());
        for (String bad : List.of("no-such-charset", "UTF 8")) {
            TlsPolicy p = load(Map.of(), Map.of("jdk.tls.alpnCharset", bad), "TLS");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::requireUsable);
            assertTrue(e.getMessage().contains("jdk.tls.alpnCharset(" + bad + ")"), e.getMessage());
        }
    }

    @Test
    void dhKeySizeEntriesRaiseTheClientsDhMinimumAndDropSmallFfdheGroups() {
        assertEquals(2048, load(Map.of()).tls12().minDhPrimeBits());
        TlsPolicy p = load(Map.of(), Map.of("jdk.tls.disabledAlgorithms", "DH keySize < 3072"), "TLS");
        assertEquals(3072, p.tls12().minDhPrimeBits());
        assertFalse(p.groups().contains(NamedGroup.FFDHE2048));
        assertTrue(p.groups().contains(NamedGroup.FFDHE3072));
        assertEquals(2048, load(Map.of(), Map.of("jdk.tls.disabledAlgorithms", "DH keySize < 1024"), "TLS").tls12().minDhPrimeBits(),
                "never below 2048");
    }

    @Test
    void signatureSchemePropertiesRestrictBothListsPerSide() {
        TlsPolicy p = load(Map.of("jdk.tls.client.SignatureSchemes", "rsa_pkcs1_sha1,ed25519, ecdsa_secp256r1_sha256,nope"));
        assertEquals(List.of(SignatureScheme.ED25519, SignatureScheme.ECDSA_SECP256R1_SHA256,
                SignatureScheme.RSA_PKCS1_SHA1), p.clientSchemes(),
                "SHA-1 signs handshakes only when named, and last (TLS 1.2 only: TLS 1.3 never uses it)");
        assertEquals(List.of(SignatureScheme.RSA_PKCS1_SHA1, SignatureScheme.ED25519, SignatureScheme.ECDSA_SECP256R1_SHA256),
                p.clientCertificateSchemes());
        assertTrue(p.serverSchemes().contains(SignatureScheme.RSA_PSS_RSAE_SHA256));
        assertFalse(p.serverSchemes().contains(SignatureScheme.ECDSA_SHA1));
        assertTrue(p.serverCertificateSchemes().contains(SignatureScheme.ECDSA_SHA1));
    }

    @Test
    void jdk25DefaultDisabledAlgorithmsDropRsaKeyTransportAndSha1HandshakeSignaturesOnly() {
        String jdk25 = "SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, DES, MD5withRSA, DH keySize < 1024, EC keySize < 224, "
                + "3DES_EDE_CBC, anon, NULL, ECDH, TLS_RSA_*, rsa_pkcs1_sha1 usage HandshakeSignature, "
                + "ecdsa_sha1 usage HandshakeSignature, dsa_sha1 usage HandshakeSignature";
        TlsPolicy p = load(Map.of(), Map.of("jdk.tls.disabledAlgorithms", jdk25), "TLS");
        assertTrue(p.supportedSuites().stream().noneMatch(s -> s.jsseName().startsWith("TLS_RSA_")), p.supportedSuites().toString());
        assertTrue(p.supportedSuites().contains(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), "ECDH does not match ECDHE");
        assertEquals(TlsDefaults.GROUPS, p.groups());
        assertTrue(p.clientCertificateSchemes().contains(SignatureScheme.RSA_PKCS1_SHA1));
    }

    @Test
    void disabledComponentRemovesSuitesOfBothVersions() {
        TlsPolicy p = load(Map.of(), Map.of("jdk.tls.disabledAlgorithms", "AES_128_GCM, x25519"), "TLS");
        assertTrue(p.supportedSuites().stream().noneMatch(s -> s.aead() == AeadAlgorithm.AES_128_GCM));
        assertTrue(p.supportedSuites().contains(TLS_AES_256_GCM_SHA384));
        assertFalse(p.groups().contains(NamedGroup.X25519));
        assertEquals(List.of(NamedGroup.X25519MLKEM768, NamedGroup.SECP256R1), p.keyShareGroups());
    }

    @Test
    void numericPropertiesFallBackOnNonsense() {
        assertEquals(1000, load(Map.of("jdk.tls.maxHandshakeMessageSize", "1000")).maxHandshakeMessageSize());
        assertEquals(32768, load(Map.of("jdk.tls.maxHandshakeMessageSize", "lots")).maxHandshakeMessageSize());
        assertEquals(32768, load(Map.of("jdk.tls.maxHandshakeMessageSize", "0")).maxHandshakeMessageSize());
        assertEquals(3, load(Map.of("jdk.tls.maxCertificateChainLength", "3")).maxPeerChainLength(true));
        assertEquals(3, load(Map.of("jdk.tls.maxCertificateChainLength", "3")).maxPeerChainLength(false));
        assertEquals(TlsDefaults.MAX_CLIENT_CHAIN_LENGTH,
                load(Map.of("jdk.tls.maxCertificateChainLength", "none")).maxPeerChainLength(false));
        assertFalse(load(Map.of("jdk.tls.client.useCompatibilityMode", "false")).middleboxCompatibility());
        assertFalse(load(Map.of("jdk.tls.client.enableStatusRequestExtension", "false")).statusRequest());
        assertTrue(load(Map.of("jdk.tls.client.enableStatusRequestExtension", "maybe")).statusRequest());
    }

    @Test
    void eachSidesInboundChainLengthWinsOverTheCommonOne() {
        TlsPolicy p = load(Map.of("jdk.tls.maxCertificateChainLength", "3", "jdk.tls.server.maxInboundCertificateChainLength",
                "5"));
        assertEquals(3, p.maxPeerChainLength(true));
        assertEquals(5, p.maxPeerChainLength(false));
        p = load(Map.of("jdk.tls.client.maxInboundCertificateChainLength", "4"));
        assertEquals(4, p.maxPeerChainLength(true));
        assertEquals(TlsDefaults.MAX_CLIENT_CHAIN_LENGTH, p.maxPeerChainLength(false));
        p = load(Map.of("jdk.tls.client.maxInboundCertificateChainLength", "-1", "jdk.tls.maxCertificateChainLength", "2"));
        assertEquals(2, p.maxPeerChainLength(true), "a side's property that is not a length falls back on the common one");
    }

    @Test
    void ephemeralDhKeySizeAsSunJsseReadsIt() {
        assertEquals(0, load(Map.of()).tls12().ephemeralDhBits(), "unset: the server's groups decide");
        assertEquals(3072, load(Map.of("jdk.tls.ephemeralDHKeySize", "3072")).tls12().ephemeralDhBits());
        assertEquals(8192, load(Map.of("jdk.tls.ephemeralDHKeySize", "8192")).tls12().ephemeralDhBits());
        assertEquals(2048, load(Map.of("jdk.tls.ephemeralDHKeySize", "matched")).tls12().ephemeralDhBits(),
                "matched: 2048 for any key over 1024 bits");
        for (String ignored : new String[] {"legacy", "1024", "1536", "3000", "9216", "big", "-2048"}) {
            assertEquals(0, load(Map.of("jdk.tls.ephemeralDHKeySize", ignored)).tls12().ephemeralDhBits(), ignored);
        }
    }

    @Test
    void keyLimitsReadTheSecurityProperty() {
        TlsPolicy p = load(Map.of(), Map.of("jdk.tls.keyLimits", "AES/GCM/NoPadding KeyUpdate 2^37, ChaCha20-Poly1305 KeyUpdate 1000"), "TLS");
        assertEquals(1L << 37, p.keyLimits().limit(AeadAlgorithm.AES_256_GCM).getAsLong());
        assertEquals(1000, p.keyLimits().limit(AeadAlgorithm.CHACHA20_POLY1305).getAsLong());
    }
}
