package dev.bastion.tls.conformance.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bastion.tls.conformance.fuzz.EngineFixtures.Variant;
import java.util.Arrays;

/**
 * Fuzz target: a whole Bastion server {@code SSLEngine} fed a valid ClientHello followed by
 * arbitrary bytes. The first input byte picks the client {@link Variant} whose ClientHello
 * (captured once per JVM from that client's first wrap) opens the stream, and its top bit
 * whether the server asks for a client certificate; the rest follows the ClientHello.
 * In TLS 1.2 the client's second flight (Certificate, ClientKeyExchange, ChangeCipherSpec) is
 * plaintext, so the fuzzer can work on it; in TLS 1.3 it meets the record layer, alerts and
 * the compatibility change_cipher_spec.
 *
 * <p>Contract ({@link EnginePump}): only {@code SSLException}, no hang, closed after failure.
 */
class ServerEngineFuzzTest {
    static {
        EngineFixtures.warmUp();
    }

    @FuzzTest(maxDuration = "6s")
    void server(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Variant v = Variant.of(input[0] & 0x7F);
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        new EnginePump(EngineFixtures.server((input[0] & 0x80) != 0),
                EngineFixtures.concat(EngineFixtures.clientHello(v), rest)).run();
    }
}
