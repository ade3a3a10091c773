package dev.bastion.tls.message.ext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import org.junit.jupiter.api.Test;

/** A ClientHello's CertificateStatusRequest as a stapling server reads it (RFC 6066 §8). */
class StatusRequestTest {

    @Test
    void ocspWithoutResponderIdsOrExtensions() {
        assertArrayEquals(new byte[0], new StatusRequest(Opaque.ofHex("0100000000")).ocspRequestExtensions().orElseThrow());
    }

    @Test
    void requestExtensionsAreReturnedAndResponderIdsSkipped() {
        // responder_id_list: one ResponderID of 2 bytes; request_extensions: 3008 3006 0603 2a0304 0400 (arbitrary DER)
        StatusRequest r = new StatusRequest(Opaque.ofHex("01" + "0004" + "0002abcd" + "0005" + "3003020101"));
        assertArrayEquals(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, r.ocspRequestExtensions().orElseThrow());
    }

    @Test
    void anotherStatusTypeIsIgnored() {
        assertTrue(new StatusRequest(Opaque.ofHex("02ffff")).ocspRequestExtensions().isEmpty());
    }

    @Test
    void malformedIsDecodeError() {
        for (String hex : new String[] {"", "01", "0100", "010005000000", "0100000001", "010000000000"}) {
            TlsAlert e = assertThrows(TlsAlert.class, () -> new StatusRequest(Opaque.ofHex(hex)).ocspRequestExtensions(), hex);
            assertEquals(AlertDescription.DECODE_ERROR, e.alert(), hex);
        }
    }
}
