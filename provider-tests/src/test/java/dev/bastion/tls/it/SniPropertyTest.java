package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bastion.tls.it.support.FreshJvm;
import dev.bastion.tls.it.support.SniProbe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code jsse.enableSNIExtension=false} (SunJSSE's switch, read once per JVM, so each case runs in
 * a fresh JVM): a client sends no server_name at all, neither the peer host's nor one the
 * application set; every server, SunJSSE's or Bastion's, sees none, and Bastion's client behaves
 * as SunJSSE's.
 */
class SniPropertyTest {
    private static final String[] PROVIDERS = {"SunJSSE", "Bastion"};

    @Test
    void sentByDefault() throws Exception {
        Map<String, String> v = probe(List.of());
        each((k, c) -> {
            assertEquals(k.endsWith("-set") ? "[type=host_name (0), value=www.example.com]"
                    : "[type=host_name (0), value=peer.example.org]", v.get(k + ".serverSaw"), k);
            same(v, k, c);
        });
    }

    @Test
    void neverSentWhenSwitchedOff() throws Exception {
        Map<String, String> v = probe(List.of("jsse.enableSNIExtension=false"));
        each((k, c) -> {
            assertEquals("[]", v.get(k + ".serverSaw"), k);
            same(v, k, c);
        });
    }

    private interface Check {
        void check(String key, String client);
    }

    private static void each(Check check) {
        for (String c : PROVIDERS) {
            for (String s : PROVIDERS) {
                for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                    for (String how : new String[] {"host", "set"}) {
                        check.check(c + "-" + s + "-" + protocol + "-" + how, c);
                    }
                }
            }
        }
    }

    /** Bastion's client, against the same server, reports what SunJSSE's does. */
    private static void same(Map<String, String> v, String k, String client) {
        if (client.equals("Bastion")) {
            String sun = "SunJSSE" + k.substring("Bastion".length());
            assertEquals(v.get(sun + ".serverSaw"), v.get(k + ".serverSaw"), k);
            assertEquals(v.get(sun + ".clientRequested"), v.get(k + ".clientRequested"), k);
        }
        assertEquals(null, v.get(k + ".error"), k);
    }

    private static Map<String, String> probe(List<String> properties) throws Exception {
        return FreshJvm.probe(SniProbe.class, properties);
    }
}
