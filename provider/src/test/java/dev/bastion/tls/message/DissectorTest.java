package dev.bastion.tls.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.testutil.Hex;
import dev.bastion.tls.testutil.NamedHex;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The handshake trace's dissections of messages from outside sources: the RFC 8448 traces
 * (TLS 1.3: §3 simple 1-RTT, §4 resumed, §5 HelloRetryRequest) and a TLS 1.2 session recorded
 * with OpenSSL 3.0 ({@code openssl/tls12-ecdhe-aes256gcm-sha384.txt}). The expected names and
 * numbers were read off the hex by hand (RFC 8446 §4, RFC 5246 §7.4, RFC 8422 §5).
 */
class DissectorTest {
    private static final DecodeContext AT_SERVER = DecodeContext.hello(Side.SERVER);
    private static final DecodeContext AT_CLIENT = DecodeContext.hello(Side.CLIENT);
    private static final DecodeContext CLIENT_13 = DecodeContext.tls13(Side.CLIENT, 32);
    private static final DecodeContext CLIENT_12 = DecodeContext.tls12(Side.CLIENT, KeyExchangeKind.ECDHE);
    private static final DecodeContext SERVER_12 = DecodeContext.tls12(Side.SERVER, KeyExchangeKind.ECDHE);
    private static final NamedHex TLS12 = NamedHex.load("/openssl/tls12-ecdhe-aes256gcm-sha384.txt");

    private static String dissect(String hex, DecodeContext context) {
        return dissect(Hex.bytes(hex), context);
    }

    private static String dissect(byte[] wire, DecodeContext context) {
        return Dissector.dissect(MessageDecoder.decode(Reader.of(wire), context));
    }

    /** Asserts that each expected line occurs, as a whole line (indentation included), in this order. */
    private static void assertLinesInOrder(String dissection, String... expected) {
        List<String> lines = dissection.lines().toList();
        int from = 0;
        for (String e : expected) {
            int at = lines.subList(from, lines.size()).indexOf(e);
            assertTrue(at >= 0, "missing (or out of order) line '" + e + "' in:\n" + dissection);
            from += at + 1;
        }
    }

    @Test
    void serverHelloOfRfc8448Section3Exactly() {
        assertEquals("""
                Handshake Protocol: Server Hello
                    Handshake Type: Server Hello (2)
                    Length: 86
                    Version: TLSv1.2(0x0303)
                    Random: a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e26928
                    Session ID Length: 0
                    Cipher Suite: TLS_AES_128_GCM_SHA256(0x1301)
                    Compression Method: null (0)
                    Extensions Length: 46
                    Extension: key_share (len=36)
                        Type: key_share(51)
                        Length: 36
                        Key Share Entry: Group: x25519(0x001d), Key Exchange length: 32
                            Group: x25519(0x001d)
                            Key Exchange Length: 32
                            Key Exchange: c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f
                    Extension: supported_versions (len=2)
                        Type: supported_versions(43)
                        Length: 2
                        Supported Version: TLSv1.3(0x0304)""", dissect(Rfc8448.SERVER_HELLO, AT_CLIENT));
    }

    @Test
    void clientHelloOfRfc8448Section3NamesSuitesGroupsSharesSchemesAndVersions() {
        String d = dissect(Rfc8448.CLIENT_HELLO, AT_SERVER);
        assertLinesInOrder(d,
                "Handshake Protocol: Client Hello",
                "    Handshake Type: Client Hello (1)",
                "    Length: 192",
                "    Random: cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7",
                "    Session ID Length: 0",
                "    Cipher Suites Length: 6",
                "    Cipher Suites (3 items)",
                "        Cipher Suite: TLS_AES_128_GCM_SHA256(0x1301)",
                "        Cipher Suite: TLS_CHACHA20_POLY1305_SHA256(0x1303)",
                "        Cipher Suite: TLS_AES_256_GCM_SHA384(0x1302)",
                "        Compression Method: null (0)",
                "    Extensions Length: 145",
                "    Extension: server_name (len=11)",
                "        Type: server_name(0)",
                "            Server Name Type: host_name (0)",
                "            Server Name: server",
                "    Extension: renegotiation_info (len=1)",
                "        Renegotiation Info Length: 0",
                "    Extension: supported_groups (len=20)",
                "        Supported Groups Length: 18",
                "        Supported Groups (9 items)",
                "            Supported Group: x25519(0x001d)",
                "            Supported Group: secp256r1(0x0017)",
                "            Supported Group: ffdhe8192(0x0104)",
                "    Extension: session_ticket (len=0)",
                "    Extension: key_share (len=38)",
                "        Client Key Share Length: 36",
                "        Key Share Entry: Group: x25519(0x001d), Key Exchange length: 32",
                "    Extension: supported_versions (len=3)",
                "            Supported Version: TLSv1.3(0x0304)",
                "    Extension: signature_algorithms (len=32)",
                "        Signature Hash Algorithms Length: 30",
                "        Signature Hash Algorithms (15 items)",
                "            Signature Algorithm: ecdsa_secp256r1_sha256(0x0403)",
                "            Signature Algorithm: rsa_pss_rsae_sha256(0x0804)",
                "            Signature Algorithm: rsa_pkcs1_sha1(0x0201)",
                "    Extension: psk_key_exchange_modes (len=2)",
                "            PSK Key Exchange Mode: psk_dhe_ke (1)",
                "    Extension: record_size_limit (len=2)",
                "        Record Size Limit: 16385");
    }

    @Test
    void resumedClientHelloShowsPskIdentityBindersEarlyDataAndPadding() {
        String d = dissect(Rfc8448.RESUMED_CLIENT_HELLO, AT_SERVER);
        assertLinesInOrder(d,
                "    Length: 508",
                "    Extension: early_data (len=0)",
                "    Extension: padding (len=87)",
                "        Padding Data: 87 bytes, all zero",
                "    Extension: pre_shared_key (len=221)",
                "        Identities Length: 184",
                "        PSK Identity (length: 178)",
                "            Obfuscated Ticket Age: 4208372427",
                "        PSK Binders length: 33",
                "        PSK Binder: 3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d");
    }

    @Test
    void helloRetryRequestShowsSelectedGroupAndCookie() {
        String d = dissect(Rfc8448.HELLO_RETRY_REQUEST, AT_CLIENT);
        assertLinesInOrder(d,
                "Handshake Protocol: Hello Retry Request",
                "    Handshake Type: Server Hello (2)",
                "    Random: cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c"
                        + " (HelloRetryRequest: SHA-256 of \"HelloRetryRequest\")",
                "    Extension: key_share (len=2)",
                "        Selected Group: secp256r1(0x0017)",
                "    Extension: cookie (len=116)",
                "        Cookie Length: 114",
                "    Extension: supported_versions (len=2)");
        assertEquals("Hello Retry Request", Dissector.title(MessageDecoder.decode(
                Reader.of(Hex.bytes(Rfc8448.HELLO_RETRY_REQUEST)), AT_CLIENT)));
    }

    @Test
    void encryptedFlightOfRfc8448Section3() {
        assertLinesInOrder(dissect(Rfc8448.ENCRYPTED_EXTENSIONS, CLIENT_13),
                "Handshake Protocol: Encrypted Extensions",
                "    Extensions Length: 34",
                "    Extension: supported_groups (len=20)",
                "        Record Size Limit: 16385",
                "    Extension: server_name (len=0)",
                "        (empty: the server used the name the client sent)");
        assertLinesInOrder(dissect(Rfc8448.CERTIFICATE, CLIENT_13),
                "Handshake Protocol: Certificate",
                "    Certificate Request Context Length: 0",
                "    Certificate (432 bytes)",
                "        Subject: CN=rsa",
                "        Issuer: CN=rsa",
                "        Serial Number: 2",
                "        Public Key: RSA",
                "        Signature Algorithm: SHA256withRSA",
                "        Extensions Length: 0");
        assertLinesInOrder(dissect(Rfc8448.CERTIFICATE_VERIFY, CLIENT_13),
                "Handshake Protocol: Certificate Verify",
                "    Length: 132",
                "    Signature Algorithm: rsa_pss_rsae_sha256(0x0804)",
                "    Signature Length: 128");
        assertLinesInOrder(dissect(Rfc8448.SERVER_FINISHED, CLIENT_13),
                "Handshake Protocol: Finished",
                "    Verify Data: 9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718");
        assertLinesInOrder(dissect(Rfc8448.NEW_SESSION_TICKET, CLIENT_13),
                "Handshake Protocol: New Session Ticket",
                "    Ticket Lifetime: 30 seconds",
                "    Ticket Age Add: 4208372421",
                "    Ticket Nonce Length: 2",
                "    Ticket Nonce: 0000",
                "    Session Ticket Length: 178",
                "    Extension: early_data (len=4)",
                "        Maximum Early Data Size: 1024");
    }

    @Test
    void tls12HellosRecordedWithOpenSsl() {
        assertLinesInOrder(dissect(TLS12.get("handshake_01_client_client_hello"), AT_SERVER),
                "Handshake Protocol: Client Hello",
                "    Length: 127",
                "        Cipher Suite: TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(0xc030)",
                "        Cipher Suite: TLS_EMPTY_RENEGOTIATION_INFO_SCSV(0x00ff)",
                "    Extension: ec_point_formats (len=4)",
                "            EC point format: uncompressed (0)",
                "            EC point format: ansiX962_compressed_prime (1)",
                "    Extension: supported_groups (len=12)",
                "            Supported Group: x25519(0x001d)",
                "            Supported Group: x448(0x001e)",
                "    Extension: encrypt_then_mac (len=0)",
                "    Extension: extended_master_secret (len=0)",
                "            Signature Algorithm: ed25519(0x0807)");
        assertLinesInOrder(dissect(TLS12.get("handshake_02_server_server_hello"), AT_CLIENT),
                "Handshake Protocol: Server Hello",
                "    Version: TLSv1.2(0x0303)",
                "    Random: 390e802fcb3834b5a0d3db511b783bc05aa3db514936bb33444f574e47524401"
                        + " (ends with DOWNGRD 01: a TLS 1.3 server negotiated TLS 1.2)",
                "    Cipher Suite: TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(0xc030)",
                "    Extension: renegotiation_info (len=1)",
                "    Extension: extended_master_secret (len=0)");
    }

    @Test
    void tls12KeyExchangeAndTicketRecordedWithOpenSsl() {
        assertLinesInOrder(dissect(TLS12.get("handshake_03_server_certificate"), CLIENT_12),
                "Handshake Protocol: Certificate (TLS 1.2)",
                "    Certificates Length: 790",
                "    Certificate (787 bytes)",
                "        Subject: CN=bastion-test");
        assertLinesInOrder(dissect(TLS12.get("handshake_04_server_server_key_exchange"), CLIENT_12),
                "Handshake Protocol: Server Key Exchange",
                "    Length: 296",
                "    EC Diffie-Hellman Server Params",
                "        Curve Type: named_curve (0x03)",
                "        Named Curve: x25519(0x001d)",
                "        Pubkey Length: 32",
                "        Signature Algorithm: rsa_pss_rsae_sha256(0x0804)",
                "        Signature Length: 256");
        assertEquals("Handshake Protocol: Server Hello Done\n    Handshake Type: Server Hello Done (14)\n    Length: 0",
                dissect(TLS12.get("handshake_05_server_server_hello_done"), CLIENT_12));
        assertLinesInOrder(dissect(TLS12.get("handshake_06_client_client_key_exchange"), SERVER_12),
                "Handshake Protocol: Client Key Exchange",
                "    EC Diffie-Hellman Client Params",
                "        Pubkey Length: 32");
        assertLinesInOrder(dissect(TLS12.get("handshake_08_server_new_session_ticket"), CLIENT_12),
                "Handshake Protocol: New Session Ticket (TLS 1.2)",
                "    Session Ticket Lifetime Hint: 7200 seconds",
                "    Session Ticket Length: 176");
    }

    @Test
    void tls12MessagesBuiltLocally() {
        CertificateRequest12 cr = new CertificateRequest12(List.of(CertificateRequest12.RSA_SIGN,
                CertificateRequest12.ECDSA_SIGN), List.of(0x0403, 0x0804), List.of());
        assertLinesInOrder(Dissector.dissect(cr),
                "Handshake Protocol: Certificate Request (TLS 1.2)",
                "    Certificate types (2 items)",
                "        Certificate type: rsa_sign (1)",
                "        Certificate type: ecdsa_sign (64)",
                "        Signature Algorithm: ecdsa_secp256r1_sha256(0x0403)",
                "    Distinguished Names Length: 0");
        ServerKeyExchange dhe = new ServerKeyExchange(new DheParams(Opaque.of(new byte[256]), Opaque.ofHex("02"),
                Opaque.ofHex("0102")), 0x0401, Opaque.ofHex("aabb"));
        assertLinesInOrder(Dissector.dissect(dhe),
                "    Diffie-Hellman Server Params",
                "        p Length: 256 (2048 bits)",
                "        g Length: 1",
                "        g: 02",
                "        Pubkey: 0102",
                "        Signature Algorithm: rsa_pkcs1_sha256(0x0401)");
        assertLinesInOrder(Dissector.dissect(new ClientKeyExchange(KeyExchangeKind.RSA, Opaque.of(new byte[256]))),
                "    RSA Encrypted PreMaster Secret",
                "        Encrypted PreMaster Length: 256");
        assertEquals("Handshake Protocol: Key Update\n    Handshake Type: Key Update (24)\n    Length: 1\n"
                + "    Key Update Request: update_requested (1)", Dissector.dissect(new KeyUpdate(true)));
    }
}
