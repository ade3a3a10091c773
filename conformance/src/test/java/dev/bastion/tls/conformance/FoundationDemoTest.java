package dev.bastion.tls.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's demonstration runs and reports what it claims. */
class FoundationDemoTest {
    @Test
    void demoRoundTripsAnHttpResponseThroughTheHybridKeyScheduleAndRecordLayer() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        FoundationDemo.run(new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("provider:    Bastion"), out);
        assertTrue(out.contains("group:       X25519MLKEM768 (client share 1216 bytes, server share 1120 bytes, shared secret 64 bytes, equal on both sides: true)"), out);
        assertTrue(out.contains("suite:       TLS_AES_128_GCM_SHA256"), out);
        assertTrue(out.contains("received:    HTTP/1.1 200 OK / body \"hello through Bastion\""), out);
    }
}
