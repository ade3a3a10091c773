package dev.bastion.tls.conformance.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bastion.tls.conformance.fuzz.EngineFixtures.Variant;
import java.util.Arrays;

/**
 * Fuzz target: a whole Bastion client {@code SSLEngine} that has sent its ClientHello and is
 * then fed arbitrary bytes as the server's flight. The first input byte picks the client
 * configuration (a Bastion {@link Variant}; the SunJSSE one maps to Bastion's defaults); the
 * rest is what the "server" sends: ServerHello, HelloRetryRequest, the TLS 1.2 plaintext flight
 * (Certificate, ServerKeyExchange, CertificateRequest, ServerHelloDone), alerts, records.
 *
 * <p>Contract ({@link EnginePump}): only {@code SSLException}, no hang, closed after failure.
 */
class ClientEngineFuzzTest {
    static {
        EngineFixtures.warmUp();
    }

    @FuzzTest(maxDuration = "6s")
    void client(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Variant v = Variant.of(input[0]);
        if (!v.provider.equals("Bastion")) {
            v = Variant.BASTION_DEFAULT;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        new EnginePump(EngineFixtures.client(v), rest).run();
    }
}
