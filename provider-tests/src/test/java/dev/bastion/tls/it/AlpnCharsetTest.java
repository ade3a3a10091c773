package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bastion.tls.it.support.AlpnCharsetProbe;
import dev.bastion.tls.it.support.FreshJvm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The security property {@code jdk.tls.alpnCharset}: how ALPN names become bytes. Bastion and
 * SunJSSE, in every pairing, must agree on the bytes, so a name beyond ASCII negotiates across
 * providers exactly when both encode it alike. Each case runs in a fresh JVM, since SunJSSE reads
 * the property once per JVM.
 */
class AlpnCharsetTest {
    private static final String[] PROVIDERS = {"SunJSSE", "Bastion"};
    private static final String ETE = "\\u00e9t\\u00e9";

    @Test
    void iso88591ByDefault() throws Exception {
        Map<String, String> v = FreshJvm.probe(AlpnCharsetProbe.class, List.of());
        each((k, name, how) -> {
            switch (name) {
                case 0 -> negotiated(v, k, "h2");
                case 1 -> negotiated(v, k, ETE);
                default -> {
                    // U+2713 has no ISO-8859-1 byte: both providers send '?', which no longer matches
                    // the server's own "\u2713" but is what a selector is handed
                    if (how.equals("list")) {
                        assertEquals("SSLHandshakeException", v.get(k + ".error"), k);
                    } else if (k.startsWith("SunJSSE-")) {
                        // SunJSSE's client then compares the '?' chosen with its own "\u2713" and aborts
                        assertEquals("[?]", v.get(k + ".offered"), k);
                        assertEquals("SSLProtocolException", v.get(k + ".error"), k);
                    } else {
                        // Bastion's client compares bytes: '?' is what it offered (RFC 7301 §3.2)
                        negotiated(v, k, "?");
                    }
                }
            }
        });
        sameAsSunJsse(v, "-2-selector");
    }

    @Test
    void utf8WhenConfigured() throws Exception {
        Map<String, String> v = FreshJvm.probe(AlpnCharsetProbe.class, List.of(), "UTF-8");
        each((k, name, how) -> negotiated(v, k, List.of("h2", ETE, "\\u2713").get(name)));
        sameAsSunJsse(v, "none");
    }

    private static void negotiated(Map<String, String> v, String k, String name) {
        assertEquals(null, v.get(k + ".error"), k);
        assertEquals(name, v.get(k + ".client"), k);
        assertEquals(name, v.get(k + ".server"), k);
        if (k.endsWith("-selector")) {
            assertEquals("[" + name + "]", v.get(k + ".offered"), k);
        }
    }

    /**
     * Each of Bastion's sides reports what SunJSSE's reports in its place, except Bastion's client
     * in the cases ending in {@code clientDiffers}.
     */
    private static void sameAsSunJsse(Map<String, String> v, String clientDiffers) {
        each((k, name, how) -> {
            if (k.startsWith("Bastion-") && k.endsWith(clientDiffers)) {
                return;
            }
            String[] parts = k.split("-", 3);
            String allSun = "SunJSSE-SunJSSE-" + parts[2];
            for (String field : new String[] {".client", ".server", ".offered", ".error"}) {
                assertEquals(v.get(allSun + field), v.get(k + field), k + field);
            }
        });
    }

    private interface Check {
        void check(String key, int name, String how);
    }

    private static void each(Check check) {
        for (String c : PROVIDERS) {
            for (String s : PROVIDERS) {
                for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                    for (int n = 0; n < AlpnCharsetProbe.NAMES.size(); n++) {
                        for (String how : new String[] {"list", "selector"}) {
                            check.check(c + "-" + s + "-" + protocol + "-" + n + "-" + how, n, how);
                        }
                    }
                }
            }
        }
    }
}
