package dev.bastion.tls.record;

import static dev.bastion.tls.record.TestKeys.assertAlert;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.testutil.Hex;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AlertMessageTest {

    @Test
    void decodesLevelAndDescription() {
        ByteBuffer in = ByteBuffer.wrap(Hex.bytes("0100"));
        AlertMessage closeNotify = AlertMessage.decode(in);
        assertFalse(in.hasRemaining());
        assertEquals(AlertLevel.WARNING, closeNotify.level());
        assertEquals(AlertDescription.CLOSE_NOTIFY, closeNotify.description());
        assertEquals(AlertMessage.closeNotify(), closeNotify);

        AlertMessage fatal = AlertMessage.decode(ByteBuffer.wrap(Hex.bytes("0228")));
        assertTrue(fatal.isFatal());
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, fatal.description());
        assertEquals("fatal alert handshake_failure", fatal.toString());
    }

    @Test
    void keepsDescriptionsOutsideTheRegistry() {
        AlertMessage odd = AlertMessage.decode(ByteBuffer.wrap(Hex.bytes("02c8")));
        assertEquals(200, odd.code());
        assertEquals(AlertDescription.UNKNOWN, odd.description());
        assertEquals("fatal alert unknown(200)", odd.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "01", "010000", "0228ff"})
    void anythingButTwoBytesIsDecodeError(String hex) {
        assertAlert(AlertDescription.DECODE_ERROR, () -> AlertMessage.decode(ByteBuffer.wrap(Hex.bytes(hex))));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 0x80, 0xFF})
    void unknownLevelIsIllegalParameter(int level) {
        assertAlert(AlertDescription.ILLEGAL_PARAMETER,
                () -> AlertMessage.decode(ByteBuffer.wrap(new byte[] {(byte) level, 0})));
    }

    @Test
    void encodes() {
        AlertMessage m = AlertMessage.fatal(AlertDescription.BAD_RECORD_MAC);
        assertArrayEquals(Hex.bytes("0214"), m.toBytes());
        ByteBuffer out = ByteBuffer.allocate(2);
        AlertMessage.warning(AlertDescription.USER_CANCELED).encode(out);
        assertArrayEquals(Hex.bytes("015a"), out.array());
        assertEquals(m, AlertMessage.decode(ByteBuffer.wrap(m.toBytes())));
        assertThrows(IllegalArgumentException.class, () -> AlertMessage.fatal(AlertDescription.UNKNOWN));
        assertThrows(IllegalArgumentException.class, () -> new AlertMessage(AlertLevel.FATAL, 256));
    }
}
