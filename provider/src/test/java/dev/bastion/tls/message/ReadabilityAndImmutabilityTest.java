package dev.bastion.tls.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.message.ext.Codes;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.testutil.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** toString is readable; nothing a caller gets back can change a message. */
class ReadabilityAndImmutabilityTest {

    @Test
    void toStringNamesKnownCodesAndShowsHex() {
        ClientHello ch = ClientHello.decode(Reader.of(body(Rfc8448.CLIENT_HELLO)));
        String s = ch.toString();
        assertTrue(s.startsWith("ClientHello{legacy_version=TLSv1.2(0x0303), random=cb34ecb1"), s);
        assertTrue(s.contains("TLS_AES_128_GCM_SHA256(0x1301)"), s);
        assertTrue(s.contains("server_name[host_name=server]"), s);
        assertTrue(s.contains("key_share[x25519(0x001d):99381de5"), s);
        assertTrue(s.contains("supported_versions[TLSv1.3(0x0304)]"), s);
        assertTrue(s.contains("rsa_pss_rsae_sha256(0x0804)"), s);
        assertTrue(s.contains("record_size_limit{16385}"), s);

        ServerHello hrr = ServerHello.decode(Reader.of(body(Rfc8448.HELLO_RETRY_REQUEST)));
        assertTrue(hrr.toString().startsWith("HelloRetryRequest{"), hrr.toString());
        assertTrue(hrr.toString().contains("key_share{selected_group=secp256r1(0x0017)}"), hrr.toString());

        assertEquals("GREASE(0x0a0a)", Codes.suite(0x0a0a));
        assertEquals("0x1234", Codes.group(0x1234));
        Opaque big = Opaque.of(new byte[40]);
        assertEquals("00".repeat(32) + "...(40 bytes)", big.toString());
        assertEquals("00".repeat(40), big.hex());
    }

    @Test
    void arraysAndListsCannotBeChangedFromOutside() {
        byte[] wire = Hex.bytes(Rfc8448.CLIENT_HELLO);
        ClientHello ch = (ClientHello) MessageDecoder.decode(Reader.of(wire), DecodeContext.hello(Side.SERVER));
        wire[10] ^= 1; // the caller's buffer changes after decoding
        assertArrayEquals(Hex.bytes(Rfc8448.CLIENT_HELLO), ch.encoding());

        byte[] enc = ch.encoding();
        enc[0] = 0;
        assertEquals(1, ch.encoding()[0]);
        byte[] random = ch.random().toByteArray();
        random[0] ^= 1;
        assertEquals(0xcb, ch.random().get(0));
        assertThrows(UnsupportedOperationException.class, () -> ch.cipherSuites().add(1));
        assertThrows(UnsupportedOperationException.class, () -> ch.extensions().list().clear());

        byte[] mine = new byte[32];
        Opaque o = Opaque.of(mine);
        mine[0] = 1;
        assertEquals(0, o.get(0));
        byte[] received = MessageHash.of(new byte[32]).encoding();
        Finished f = new Finished(Opaque.of(new byte[32]), received);
        received[0] = 0x14;
        assertEquals((byte) 0xfe, f.encoding()[0], "the constructor copied the encoding");
    }

    @Test
    void equalityIsStructuralNotByEncoding() {
        byte[] wire = Hex.bytes(Rfc8448.SERVER_FINISHED);
        Finished received = (Finished) MessageDecoder.decode(Reader.of(wire), DecodeContext.tls13(Side.CLIENT, 32));
        Finished local = new Finished(received.verifyData());
        assertEquals(received, local);
        assertEquals(received.hashCode(), local.hashCode());
        assertArrayEquals(received.encoding(), local.encoding());
        assertNotEquals(local, new Finished(Opaque.of(new byte[32])));
        assertThrows(IllegalArgumentException.class, () -> new ClientHello(0x0303, Opaque.of(new byte[31]),
                Opaque.EMPTY, List.of(0x1301), List.of(0), Extensions.EMPTY));
    }

    private static byte[] body(String hex) {
        byte[] m = Hex.bytes(hex);
        return java.util.Arrays.copyOfRange(m, 4, m.length);
    }
}
