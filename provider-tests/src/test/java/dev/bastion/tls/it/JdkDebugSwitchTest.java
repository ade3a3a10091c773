package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.BastionHandshakeProbe;
import dev.bastion.tls.it.support.FreshJvm;
import java.io.File;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SunJSSE's {@code javax.net.debug} switch turns on Bastion's handshake trace too, so an
 * application debugged the usual way shows Bastion's handshakes (on standard error, through the
 * JDK's default logging); values that ask for no handshake messages print nothing from Bastion.
 */
class JdkDebugSwitchTest {

    @Test
    void valuesAskingForHandshakeMessagesShowBastionsTrace() throws Exception {
        for (String value : new String[] {"ssl:handshake", "all", "ssl"}) {
            String out = run(List.of("-Djavax.net.debug=" + value));
            assertTrue(out.contains("client sent Client Hello ("), value + "\n" + out);
            assertTrue(out.contains("server received Client Hello ("), value + "\n" + out);
            assertTrue(out.contains("client received Finished"), value + "\n" + out);
        }
    }

    @Test
    void otherValuesAndNoneShowNothing() throws Exception {
        for (List<String> props : List.of(List.<String>of(), List.of("-Djavax.net.debug=ssl:record"),
                List.of("-Djavax.net.debug="))) {
            String out = run(props);
            assertFalse(out.contains("Client Hello"), props + "\n" + out);
            assertFalse(out.contains("dev.bastion.tls"), props + "\n" + out);
            if (props.size() != 1 || !props.get(0).endsWith("ssl:record")) {
                // (with ssl:record, SunJSSE's own trust manager, which the probe's contexts use, may
                // log: JDK 25 reads "ssl" as all of SunJSSE's TLS debugging)
                assertEquals("", out.replaceAll("(?m)^(protocol|done)=.*\\R?", ""), props + ": nothing else printed");
            }
        }
    }

    private static String run(List<String> properties) throws Exception {
        List<String> jvm = new ArrayList<>(properties);
        jvm.addAll(List.of("-cp", System.getProperty("java.class.path") + File.pathSeparator + Paths.get(
                BastionHandshakeProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())));
        FreshJvm r = FreshJvm.runMain(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), jvm,
                BastionHandshakeProbe.class.getName());
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("TLSv1.3", r.values().get("protocol"), r.output());
        return r.output();
    }
}
