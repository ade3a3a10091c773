package dev.bastion.tls.connection.config;

import dev.bastion.tls.diag.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SunJSSE switches Bastion does not read, set to a value that asks SunJSSE for something Bastion
 * never does: each is reported once per JVM as a warning on the {@code dev.bastion.tls.config}
 * logger when a context reads its properties, so that an application moved from SunJSSE learns
 * why a setting has no effect instead of finding out in production.
 */
final class UnreadProperties {
    private static final Trace TRACE = Trace.get("config");
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    /** A switch and the value that would change SunJSSE's behaviour. */
    private record Switch(String property, String asking, String why) {
    }

    private static final List<Switch> SWITCHES = List.of(
            new Switch("sun.security.ssl.allowUnsafeRenegotiation", "true",
                    "Bastion never renegotiates (a renegotiation request is refused with no_renegotiation)"),
            new Switch("jdk.tls.allowUnsafeServerCertChange", "true",
                    "Bastion never renegotiates, so a server certificate never changes"),
            new Switch("sun.security.ssl.allowLegacyHelloMessages", "false",
                    "Bastion always serves peers without RFC 5746 signalling; with no renegotiation it protects nothing"),
            new Switch("jdk.tls.trustNameService", "true", "Bastion never looks a peer's name up"));

    private UnreadProperties() {
    }

    /** The warnings {@code src} calls for, one per switch set to a value Bastion does not follow. */
    static List<String> warnings(PropertySource src) {
        List<String> out = new ArrayList<>();
        for (Switch s : SWITCHES) {
            String value = src.system().apply(s.property());
            if (value != null && s.asking().equalsIgnoreCase(NameList.unquote(value))) {
                out.add("system property " + s.property() + "=" + value.trim() + " is not read by Bastion: " + s.why());
            }
        }
        return out;
    }

    /** Logs each of {@link #warnings} the first time this JVM sees it. */
    static void report(PropertySource src) {
        for (String w : warnings(src)) {
            if (WARNED.add(w)) {
                TRACE.warning(() -> w);
            }
        }
    }
}
