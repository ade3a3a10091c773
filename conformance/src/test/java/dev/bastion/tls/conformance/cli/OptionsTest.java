package dev.bastion.tls.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTest {
    private static final Set<String> VALUED = Set.of("port", "groups", "resume");
    private static final Set<String> SWITCHES = Set.of("tls1.3", "insecure");

    @Test
    void valuesSwitchesAndPositionalArguments() {
        Options o = Options.parse(new String[] {"https://x/", "--port", "443", "--tls1.3", "--groups=x25519, secp256r1"},
                VALUED, SWITCHES);
        assertEquals(List.of("https://x/"), o.positional());
        assertEquals(Optional.of("443"), o.value("port"));
        assertEquals(443, o.integer("port", 0, 0, 65535));
        assertTrue(o.has("tls1.3"));
        assertFalse(o.has("insecure"));
        assertEquals(List.of("x25519", "secp256r1"), o.list("groups"));
        assertEquals(List.of(), o.list("resume"));
        assertEquals(7, o.integer("resume", 7, 0, 10));
    }

    @Test
    void mistakesAreUsageErrorsThatSayWhatIsWrong() {
        assertEquals("unknown option --nope",
                assertThrows(UsageException.class, () -> Options.parse(new String[] {"--nope"}, VALUED, SWITCHES))
                        .getMessage());
        assertEquals("--port needs a value",
                assertThrows(UsageException.class, () -> Options.parse(new String[] {"--port"}, VALUED, SWITCHES))
                        .getMessage());
        Options o = Options.parse(new String[] {"--port", "70000", "--resume", "x"}, VALUED, SWITCHES);
        assertEquals("--port must be a number in 0..65535, got 70000",
                assertThrows(UsageException.class, () -> o.integer("port", 0, 0, 65535)).getMessage());
        assertThrows(UsageException.class, () -> o.integer("resume", 0, 0, 10));
        assertThrows(UsageException.class, () -> Options.parse(new String[] {"--insecure=yes"}, VALUED, SWITCHES));
        assertThrows(UsageException.class, () -> o.together("port", "groups"));
    }
}
