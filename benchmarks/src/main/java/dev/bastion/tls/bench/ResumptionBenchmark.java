package dev.bastion.tls.bench;

import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Resumed handshakes per second between a client and a server engine of the same provider, in
 * memory, on one thread (client and server work both count): TLS 1.2 by session id (tickets off
 * for both sides), TLS 1.2 with an RFC 5077 ticket, TLS 1.3 with a ticket's PSK (psk_dhe_ke,
 * x25519; secp256r1 is offered too, which a TLS 1.2 ECDSA P-256 certificate needs, RFC 8422 §5.1). Each handshake's client engine is made for {@code localhost:443}, so it finds the
 * session the previous one left in its context (TLS 1.3: a ticket of the previous handshake, used
 * once). The setup checks that the handshakes do resume. ECDSA P-256 server certificate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Djdk.tls.namedGroups=x25519,secp256r1"})
public class ResumptionBenchmark {

    @Param({"SunJSSE", "Bastion"})
    public String provider;

    @Param({"TLS12_SESSION_ID", "TLS12_TICKET", "TLS13_PSK"})
    public String resumption;

    private SSLContext client;
    private SSLContext server;
    private String protocol;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Bastion.install();
        KeyStore ks = TestCredentials.selfSigned("EC");
        boolean tickets = !resumption.equals("TLS12_SESSION_ID");
        client = Contexts.withTickets(provider, ks, tickets);
        server = Contexts.withTickets(provider, ks, tickets);
        protocol = resumption.startsWith("TLS13") ? "TLSv1.3" : "TLSv1.2";
        long created = resumedHandshake().getCreationTime();
        for (int i = 0; i < 3; i++) {
            if (resumedHandshake().getCreationTime() != created) {
                throw new IllegalStateException(provider + " " + resumption + ": the handshakes do not resume");
            }
        }
    }

    @Benchmark
    public javax.net.ssl.SSLSession resumedHandshake() throws Exception {
        EnginePair pair = EnginePair.reusingBuffers(client, server, protocol, "localhost").handshake();
        return pair.client.getSession();
    }
}
