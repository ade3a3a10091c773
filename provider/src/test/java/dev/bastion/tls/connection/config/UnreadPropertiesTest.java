package dev.bastion.tls.connection.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnreadPropertiesTest {

    @Test
    void switchesAskingForWhatBastionNeverDoesAreReported() {
        List<String> w = UnreadProperties.warnings(PropertySource.of(Map.of(
                "sun.security.ssl.allowUnsafeRenegotiation", "TRUE",
                "jdk.tls.trustNameService", "\"true\"",
                "sun.security.ssl.allowLegacyHelloMessages", "false",
                "jsse.enableMFLNExtension", "true"), Map.of()));
        assertEquals(3, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("system property sun.security.ssl.allowUnsafeRenegotiation=TRUE is not read by Bastion: "
                + "Bastion never renegotiates"), w.get(0));
        assertTrue(w.stream().noneMatch(x -> x.contains("enableMFLNExtension")), "read since max_fragment_length: " + w);
        assertTrue(w.stream().anyMatch(x -> x.startsWith("system property jdk.tls.trustNameService=\"true\" is not read")),
                w.toString());
    }

    @Test
    void valuesThatMatchWhatBastionDoesAreNot() {
        assertEquals(List.of(), UnreadProperties.warnings(PropertySource.of(Map.of(
                "sun.security.ssl.allowUnsafeRenegotiation", "false",
                "jsse.enableMFLNExtension", "false",
                "sun.security.ssl.allowLegacyHelloMessages", "true",
                "jdk.tls.trustNameService", "false"),
                Map.of())));
        assertEquals(List.of(), UnreadProperties.warnings(PropertySource.of(Map.of(), Map.of())));
    }
}
