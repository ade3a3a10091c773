package dev.bastion.tls.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The CLI's reading of the hellos on the wire, with ServerHellos from RFC 8448 (§3 full
 * handshake, §4 resumed, §5 HelloRetryRequest) and from a TLS 1.2 session recorded with
 * OpenSSL 3.0 (provider/src/test/resources/openssl/tls12-ecdhe-aes256gcm-sha384.txt).
 */
class HelloSnifferTest {
    /** RFC 8448 §3 ServerHello: TLS_AES_128_GCM_SHA256, x25519. */
    static final String SH = "020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e"
            + "00330024001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304";
    /** RFC 8448 §4 ServerHello of the resumed handshake: pre_shared_key selected_identity 0, x25519. */
    static final String RESUMED_SH = "0200005c03033ccfd2dec890222763472ae8136777c9d7358777bb66e91ea5122495f559ea2d"
            + "00130100003400290002000000330024001d00201217 61ee42c333e1b9e77b60dd57c2053cd94512ab47f115e86eff50942cea31"
            + "002b00020304";
    /** RFC 8448 §5 HelloRetryRequest (selected group secp256r1, with a cookie) — its first 44 bytes and extensions. */
    static final String HRR = "020000ac0303cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c001301000084"
            + "003300020017002c00740072" + "71dcd04bb88bc3189119398a00000000eefafc76c146b823b096f8aacad365dd0030953f"
            + "4edf625636e5f21bb2e23fcc654b1b5b40318d10d137abcbb87574e36e8a1f025f7dfa5d6e50781b5eda4aa15b0c8be778257d"
            + "16aa3030e9e7841dd9e4c0342267e8ca0caf571fb2b7cff0f934b0002b00020304";
    /** TLS 1.2 ServerHello recorded with OpenSSL: TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, no session id. */
    static final String SH12 = "0200003d0303390e802fcb3834b5a0d3db511b783bc05aa3db514936bb33444f574e4752440100c03000"
            + "0015ff01000100000b000403000102002300000017" + "0000";

    private static byte[] record(int type, String hexBody) {
        byte[] body = HexFormat.of().parseHex(hexBody.replace(" ", ""));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.write(3);
        out.write(3);
        out.write(body.length >> 8);
        out.write(body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Feeds the bytes the server sent, as a client sees them (received). */
    private static HelloSniffer clientSeeing(byte[]... records) {
        HelloSniffer s = new HelloSniffer(true);
        for (byte[] r : records) {
            s.bytes(false, r, 0, r.length);
        }
        return s;
    }

    @Test
    void fullTls13Handshake() {
        HelloSniffer s = clientSeeing(record(22, SH), record(20, "01"), record(23, "00112233"));
        assertEquals(0x0304, s.version());
        assertEquals(0x1301, s.suite());
        assertEquals(Optional.of(0x001d), s.group());
        assertFalse(s.resumed(), "a TLS 1.3 ServerHello without pre_shared_key is a full handshake");
        assertFalse(s.helloRetryRequest());
    }

    @Test
    void resumedTls13Handshake() {
        HelloSniffer s = clientSeeing(record(22, RESUMED_SH));
        assertTrue(s.resumed());
        assertEquals(Optional.of(0x001d), s.group());
    }

    @Test
    void helloRetryRequestThenServerHelloFedOneByteAtATime() {
        byte[] all = new ByteArrayOutputStream() {
            {
                writeBytes(record(22, HRR));
                writeBytes(record(20, "01"));
            }
        }.toByteArray();
        HelloSniffer s = new HelloSniffer(false);
        for (int i = 0; i < all.length; i++) {
            s.bytes(true, all, i, 1); // sent by this server
        }
        assertTrue(s.helloRetryRequest());
        assertEquals(-1, s.version(), "the HelloRetryRequest is not the ServerHello; reading ends at the CCS");
    }

    @Test
    void tls12FullAndAbbreviatedHandshakes() {
        HelloSniffer full = clientSeeing(record(22, SH12), record(22, "0b000003000000"), record(20, "01"));
        assertEquals(0x0303, full.version());
        assertEquals(0xc030, full.suite());
        assertFalse(full.resumed(), "a Certificate came before the ChangeCipherSpec");
        HelloSniffer ske = clientSeeing(record(22, SH12 + "0c000006" + "03001d" + "0100ff"));
        assertEquals(Optional.of(0x001d), ske.group(), "ServerKeyExchange named_curve x25519");
        HelloSniffer abbreviated = clientSeeing(record(22, SH12), record(20, "01"));
        assertTrue(abbreviated.resumed(), "ServerHello then ChangeCipherSpec: an abbreviated handshake");
    }

    @Test
    void garbageEndsTheReadingWithoutThrowing() {
        HelloSniffer s = clientSeeing(record(22, "02000010" + "0303"), record(22, "ffffffff"), new byte[] {1, 2, 3});
        assertEquals(-1, s.version());
        assertFalse(s.resumed());
        HelloSniffer truncatedExtensions = clientSeeing(record(22, SH.substring(0, SH.length() - 8)));
        assertFalse(truncatedExtensions.resumed());
    }
}
