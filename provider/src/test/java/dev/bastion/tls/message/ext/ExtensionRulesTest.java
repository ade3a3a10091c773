package dev.bastion.tls.message.ext;

import static dev.bastion.tls.message.ext.ExtensionsTest.alert;
import static dev.bastion.tls.message.ext.MessageKind.CLIENT_HELLO;
import static dev.bastion.tls.message.ext.MessageKind.ENCRYPTED_EXTENSIONS;
import static dev.bastion.tls.message.ext.MessageKind.NEW_SESSION_TICKET;
import static dev.bastion.tls.message.ext.MessageKind.SERVER_HELLO;
import static dev.bastion.tls.message.ext.MessageKind.SERVER_HELLO_12;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.Reader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The field rules of each extension, with the alert the RFC names. */
class ExtensionRulesTest {
    private static final AlertDescription DECODE = AlertDescription.DECODE_ERROR;
    private static final AlertDescription ILLEGAL = AlertDescription.ILLEGAL_PARAMETER;

    /** Decodes a block holding one extension and returns it. */
    static Extension one(int type, String dataHex, MessageKind kind) {
        return Extensions.decode(Reader.of(Wire.block(Wire.ext(type, dataHex))), kind).list().get(0);
    }

    @Test
    void keyShare() {
        // RFC 8446 §4.2.8: two shares for one group.
        alert(ILLEGAL, () -> one(51, "000a" + "001d0001aa" + "001d0001bb", CLIENT_HELLO));
        assertEquals(new KeyShareClientHello(List.of()), one(51, "0000", CLIENT_HELLO), "empty client_shares is legal");
        alert(DECODE, () -> one(51, "0004" + "001d0000", CLIENT_HELLO)); // key_exchange<1..2^16-1>
        alert(DECODE, () -> one(51, "001d", SERVER_HELLO));              // no key_exchange
        KeyShareClientHello two = (KeyShareClientHello) one(51, "000a" + "001d0001aa" + "00170001bb", CLIENT_HELLO);
        assertEquals(List.of(0x1d, 0x17), two.groups());
        assertThrows(IllegalArgumentException.class, () -> new KeyShareClientHello(
                List.of(new KeyShareEntry(1, Opaque.ofHex("01")), new KeyShareEntry(1, Opaque.ofHex("02")))));
    }

    @Test
    void recordSizeLimit() {
        // RFC 8449 §4: below 64 is illegal_parameter.
        alert(ILLEGAL, () -> one(28, "003f", CLIENT_HELLO));
        alert(ILLEGAL, () -> one(28, "0000", ENCRYPTED_EXTENSIONS));
        assertEquals(new RecordSizeLimit(64), one(28, "0040", ENCRYPTED_EXTENSIONS));
        assertEquals(new RecordSizeLimit(0xffff), one(28, "ffff", SERVER_HELLO_12));
        alert(DECODE, () -> one(28, "40", CLIENT_HELLO));
    }

    @Test
    void maxFragmentLength() {
        // RFC 6066 §4
        alert(ILLEGAL, () -> one(1, "00", CLIENT_HELLO));
        alert(ILLEGAL, () -> one(1, "05", ENCRYPTED_EXTENSIONS));
        assertEquals(4096, ((MaxFragmentLength) one(1, "04", CLIENT_HELLO)).maxFragmentBytes());
    }

    @Test
    void alpn() {
        Alpn offered = (Alpn) one(16, "000c" + "02" + "6832" + "08" + "687474702f312e31", CLIENT_HELLO);
        assertEquals(List.of("h2", "http/1.1"), offered.protocolNames());
        // RFC 7301 §3.1: the server's list holds exactly one name.
        alert(DECODE, () -> one(16, "000c" + "02" + "6832" + "08" + "687474702f312e31", ENCRYPTED_EXTENSIONS));
        alert(DECODE, () -> one(16, "0006" + "026832" + "026833", SERVER_HELLO_12));
        alert(DECODE, () -> one(16, "0001" + "00", CLIENT_HELLO)); // list<2..>, name<1..>
        alert(DECODE, () -> one(16, "0002" + "00" + "00", CLIENT_HELLO));
        assertEquals(Alpn.of("h2"), one(16, "0003026832", ENCRYPTED_EXTENSIONS));
    }

    @Test
    void serverName() {
        ServerName sn = (ServerName) one(0, "000e" + "00000b" + "6578616d706c652e636f6d", CLIENT_HELLO);
        assertEquals("example.com", sn.hostName().orElseThrow());
        assertTrue(sn.hostNameIsWellFormed());
        // RFC 6066 §3: no two names of one type.
        alert(ILLEGAL, () -> one(0, "0008" + "00000161" + "00000162", CLIENT_HELLO));
        // Not the same as two name types.
        ServerName two = (ServerName) one(0, "0008" + "00000161" + "01000162", CLIENT_HELLO);
        assertEquals(2, two.names().size());
        alert(DECODE, () -> one(0, "0000", CLIENT_HELLO));           // ServerNameList<1..2^16-1>
        alert(DECODE, () -> one(0, "0003" + "000000", CLIENT_HELLO)); // HostName<1..2^16-1>
        alert(DECODE, () -> one(0, "00", ENCRYPTED_EXTENSIONS));      // the server's is empty
        assertEquals(ServerName.ACKNOWLEDGEMENT, one(0, "", SERVER_HELLO_12));
        assertFalse(ServerName.ofHostName("example.com.").hostNameIsWellFormed());
        assertFalse(((ServerName) one(0, "0006" + "000003" + "61c3a9", CLIENT_HELLO)).hostNameIsWellFormed());
        assertFalse(ServerName.ACKNOWLEDGEMENT.hostNameIsWellFormed());
    }

    @Test
    void codeLists() {
        alert(DECODE, () -> one(43, "03030403", CLIENT_HELLO));   // odd byte length
        alert(DECODE, () -> one(43, "00", CLIENT_HELLO));         // versions<2..254>
        alert(DECODE, () -> one(43, "030304", SERVER_HELLO));     // selected_version is 2 bytes
        alert(DECODE, () -> one(13, "0003040305", CLIENT_HELLO)); // odd
        alert(DECODE, () -> one(13, "0000", CLIENT_HELLO));       // <2..2^16-2>
        alert(DECODE, () -> one(50, "0000", CLIENT_HELLO));
        alert(DECODE, () -> one(10, "0000", CLIENT_HELLO));       // named_group_list<2..2^16-1>
        alert(DECODE, () -> one(10, "0001", CLIENT_HELLO));
        alert(DECODE, () -> one(11, "00", CLIENT_HELLO));         // ec_point_format_list<1..2^8-1>
        alert(DECODE, () -> one(45, "00", CLIENT_HELLO));         // ke_modes<1..255>
        assertTrue(((EcPointFormats) one(11, "020100", SERVER_HELLO_12)).containsUncompressed());
        assertTrue(((PskKeyExchangeModes) one(45, "0101", CLIENT_HELLO)).allows(PskKeyExchangeModes.PSK_DHE_KE));
        // GREASE and unknown codes survive.
        assertEquals(List.of(0x0a0a, 0xfafa, 0x1234), ((SupportedGroups) one(10, "00060a0afafa1234", CLIENT_HELLO)).groups());
    }

    @Test
    void preSharedKey() {
        String identity = "0001aa" + "00000001";
        String binder = "20" + "11".repeat(32);
        // RFC 8446 §4.2.11: one binder per identity.
        alert(ILLEGAL, () -> one(41, "000e" + identity + identity + "0021" + binder, CLIENT_HELLO));
        alert(DECODE, () -> one(41, "0007" + identity + "0020" + "1f" + "11".repeat(31), CLIENT_HELLO)); // binder<32..255>
        alert(DECODE, () -> one(41, "0000" + "0021" + binder, CLIENT_HELLO));                          // identities<7..>
        alert(DECODE, () -> one(41, "0007" + "0000" + "00000001" + "0021" + binder, CLIENT_HELLO));    // identity<1..>
        PreSharedKeyClientHello psk = (PreSharedKeyClientHello) one(41, "0007" + identity + "0021" + binder, CLIENT_HELLO);
        assertEquals(1, psk.identities().get(0).obfuscatedTicketAge());
        assertEquals(2 + 33, psk.bindersEncodedLength());
        alert(DECODE, () -> one(41, "000000", SERVER_HELLO));
    }

    @Test
    void emptyBodiesMustBeEmpty() {
        alert(DECODE, () -> one(23, "00", CLIENT_HELLO));
        alert(DECODE, () -> one(22, "00", SERVER_HELLO_12));
        alert(DECODE, () -> one(42, "00", ENCRYPTED_EXTENSIONS));
        alert(DECODE, () -> one(49, "00", CLIENT_HELLO));
        assertEquals(new EarlyData(), one(42, "", CLIENT_HELLO));
        assertEquals(new MaxEarlyDataSize(0xffffffffL), one(42, "ffffffff", NEW_SESSION_TICKET));
        alert(DECODE, () -> one(42, "", NEW_SESSION_TICKET));
    }

    @Test
    void opaqueBodies() {
        alert(DECODE, () -> one(44, "0000", CLIENT_HELLO));              // cookie<1..2^16-1>
        alert(DECODE, () -> one(47, "0000", CLIENT_HELLO));              // authorities<3..2^16-1>
        alert(DECODE, () -> one(47, "0003" + "0000" + "00", CLIENT_HELLO)); // DistinguishedName<1..>
        alert(DECODE, () -> one(0xff01, "0201", CLIENT_HELLO));          // renegotiated_connection length
        assertEquals(new SessionTicket(Opaque.ofHex("abcd")), one(35, "abcd", CLIENT_HELLO));
        assertEquals(new StatusRequest(Opaque.ofHex("0100000000")), one(5, "0100000000", CLIENT_HELLO));
        assertEquals(new UnknownExtension(14, Opaque.ofHex("0002000100")), one(14, "0002000100", CLIENT_HELLO));
        assertFalse(((Padding) one(21, "0001", CLIENT_HELLO)).isAllZero());
    }
}
