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
 * Full TLS 1.3 handshakes per second between a client and a server engine of the same
 * provider, in memory, on one thread (client and server work both count). x25519 for both
 * providers ({@code jdk.tls.namedGroups} is set for the forked JVM), server certificate
 * ECDSA P-256 or RSA-2048, no client authentication, no resumption.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Djdk.tls.namedGroups=x25519"})
public class HandshakeBenchmark {

    @Param({"SunJSSE", "Bastion"})
    public String provider;

    @Param({"EC", "RSA"})
    public String certificate;

    private SSLContext context;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Bastion.install();
        KeyStore ks = TestCredentials.selfSigned(certificate);
        context = TestCredentials.context(provider, ks);
    }

    @Benchmark
    public Object fullHandshake() throws Exception {
        EnginePair pair = new EnginePair(context, "TLSv1.3", null).handshake();
        return pair.client.getSession();
    }
}
