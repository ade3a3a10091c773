package dev.bastion.tls.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.message.ext.Extension;
import dev.bastion.tls.message.ext.Extensions;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Random valid messages of every kind (seeded, so a failure repeats): encode, decode with the
 * receiver's context, compare structure, and compare the re-encoding byte for byte. The test
 * also checks it really produced every message record and every extension record.
 */
class RandomRoundTripTest {
    private static final int ITERATIONS = 4000;

    @Test
    void everyMessageAndExtensionRoundTrips() {
        MessageGen gen = new MessageGen(0xB0A57L);
        Set<Class<?>> messages = new HashSet<>();
        Set<Class<?>> extensions = new HashSet<>();
        for (int i = 0; i < ITERATIONS; i++) {
            Sample s = gen.kind(i % gen.kindCount());
            byte[] wire = HandshakeMessage.frame(s.message());
            HandshakeMessage back = MessageDecoder.decode(Reader.of(wire), s.context());
            assertEquals(s.message(), back, "iteration " + i);
            assertEquals(s.message().hashCode(), back.hashCode());
            assertArrayEquals(wire, back.encoding(), "kept encoding, iteration " + i);
            assertArrayEquals(wire, s.message().encoding(), "local encoding, iteration " + i);
            assertArrayEquals(wire, HandshakeMessage.frame(back), "re-encoding, iteration " + i);
            messages.add(back.getClass());
            extensionsOf(back).forEach(e -> e.list().forEach(x -> extensions.add(x.getClass())));
        }
        Set<Class<?>> allMessages = permitted(HandshakeMessage.class);
        allMessages.remove(MessageHash.class); // never on the wire
        assertEquals(names(allMessages), names(messages));
        assertEquals(names(permitted(Extension.class)), names(extensions));
    }

    private static Set<Extensions> extensionsOf(HandshakeMessage m) {
        Set<Extensions> out = new HashSet<>();
        if (m instanceof ClientHello ch) {
            out.add(ch.extensions());
        } else if (m instanceof ServerHello sh) {
            out.add(sh.extensions());
        } else if (m instanceof EncryptedExtensions ee) {
            out.add(ee.extensions());
        } else if (m instanceof CertificateRequest cr) {
            out.add(cr.extensions());
        } else if (m instanceof NewSessionTicket nst) {
            out.add(nst.extensions());
        } else if (m instanceof Certificate c) {
            c.entries().forEach(e -> out.add(e.extensions()));
        }
        return out;
    }

    private static Set<Class<?>> permitted(Class<?> sealed) {
        assertTrue(sealed.isSealed());
        return new HashSet<>(Arrays.asList(sealed.getPermittedSubclasses()));
    }

    private static Set<String> names(Set<Class<?>> classes) {
        return classes.stream().map(Class::getSimpleName).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
