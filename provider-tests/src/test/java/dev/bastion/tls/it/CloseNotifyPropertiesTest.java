package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bastion.tls.it.support.CloseProbe;
import dev.bastion.tls.it.support.FreshJvm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SunJSSE's switches for the end of a connection, compared in fresh JVMs (SunJSSE reads them
 * once per JVM): {@code jdk.tls.acknowledgeCloseNotify} makes a TLS 1.3 engine answer the peer's
 * close_notify at once (NEED_WRAP), as TLS 1.2 always does; {@code com.sun.net.ssl.requireCloseNotify}
 * makes a socket whose peer ends TCP without close_notify fail instead of reading -1.
 */
class CloseNotifyPropertiesTest {

    @Test
    void defaults() throws Exception {
        Map<String, String> v = probe(List.of());
        assertEquals("NOT_HANDSHAKING/outboundDone=false", v.get("Bastion-TLSv1.3.afterCloseNotify"), "TLS 1.3 half-close");
        assertEquals("NEED_WRAP/outboundDone=false", v.get("Bastion-TLSv1.2.afterCloseNotify"), "TLS 1.2 answers");
        assertEquals("-1", v.get("Bastion.endOfStream"));
        same(v);
    }

    @Test
    void acknowledgeCloseNotify() throws Exception {
        Map<String, String> v = probe(List.of("jdk.tls.acknowledgeCloseNotify=true"));
        assertEquals("NEED_WRAP/outboundDone=false", v.get("Bastion-TLSv1.3.afterCloseNotify"));
        same(v);
    }

    @Test
    void requireCloseNotify() throws Exception {
        Map<String, String> v = probe(List.of("com.sun.net.ssl.requireCloseNotify=true"));
        assertEquals("SSLProtocolException", v.get("Bastion.endOfStream"));
        same(v);
    }

    private static void same(Map<String, String> v) {
        for (String k : new String[] {"TLSv1.3.afterCloseNotify", "TLSv1.2.afterCloseNotify"}) {
            assertEquals(v.get("SunJSSE-" + k), v.get("Bastion-" + k), k);
        }
        assertEquals(v.get("SunJSSE.endOfStream"), v.get("Bastion.endOfStream"), "endOfStream");
        v.keySet().forEach(k -> assertNull(k.endsWith(".error") ? k + "=" + v.get(k) : null));
    }

    private static Map<String, String> probe(List<String> properties) throws Exception {
        return FreshJvm.probe(CloseProbe.class, properties);
    }
}
