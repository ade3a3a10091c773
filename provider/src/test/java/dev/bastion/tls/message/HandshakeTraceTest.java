package dev.bastion.tls.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.diag.Trace;
import dev.bastion.tls.testutil.Hex;
import java.lang.System.Logger;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class HandshakeTraceTest {

    /** Records what is logged and how often the logger was asked whether a level is on. */
    private static final class Recording implements Logger {
        final List<String> lines = new ArrayList<>();
        int asked;

        @Override
        public String getName() {
            return "dev.bastion.tls.handshake";
        }

        @Override
        public boolean isLoggable(Level level) {
            asked++;
            return level.getSeverity() >= Level.INFO.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + format);
        }
    }

    private static HandshakeMessage serverHello() {
        return MessageDecoder.decode(Reader.of(Hex.bytes(Rfc8448.SERVER_HELLO)), DecodeContext.hello(Side.CLIENT));
    }

    @Test
    void sunJsseDebugValuesThatSwitchTheTraceOn() {
        for (String on : new String[] {"all", "ssl:handshake", "SSL,Handshake:verbose", "ssl", " ssl ", "ssl:handshake:data"}) {
            assertTrue(HandshakeTrace.enabledByJdkSwitch(on), on);
        }
        for (String off : new String[] {"ssl:record", "ssl:keymanager:trustmanager", "", "help", "sslctx"}) {
            assertFalse(HandshakeTrace.enabledByJdkSwitch(off), off);
        }
        assertFalse(HandshakeTrace.enabledByJdkSwitch(null));
    }

    @Test
    void propertyValuesThatSwitchTheTraceOn() {
        assertTrue(HandshakeTrace.enabled("handshake"));
        assertTrue(HandshakeTrace.enabled("all"));
        assertTrue(HandshakeTrace.enabled("records, Handshake"));
        assertTrue(HandshakeTrace.enabled("keylog all"));
        assertFalse(HandshakeTrace.enabled(null));
        assertFalse(HandshakeTrace.enabled(""));
        assertFalse(HandshakeTrace.enabled("handshakes"));
        assertFalse(HandshakeTrace.enabled("records"));
    }

    @Test
    void anEntryIsOneInfoRecordWithTheDirectionAndTheDissection() {
        Recording r = new Recording();
        new HandshakeTrace(true, Trace.over(r)).record(true, false, serverHello());
        assertEquals(1, r.lines.size());
        String entry = r.lines.get(0);
        assertTrue(entry.startsWith("INFO client received Server Hello (90 bytes)\nHandshake Protocol: Server Hello\n"),
                entry);
        assertTrue(entry.endsWith("        Supported Version: TLSv1.3(0x0304)"), entry);
        assertEquals("server sent Server Hello (90 bytes)\n" + Dissector.dissect(serverHello()),
                HandshakeTrace.entry(false, true, serverHello()));
    }

    @Test
    void offMeansTheLoggerIsNotEvenAsked() {
        Recording r = new Recording();
        new HandshakeTrace(false, Trace.over(r)).record(true, true, serverHello());
        assertEquals(List.of(), r.lines);
        assertEquals(0, r.asked);
    }

    @Test
    void thisTestJvmRunsWithTheTraceOff() {
        // surefire does not set dev.bastion.tls.debug; the static entry points are then no-ops
        assertEquals(HandshakeTrace.enabled(System.getProperty(HandshakeTrace.PROPERTY)), HandshakeTrace.isOn());
    }
}
