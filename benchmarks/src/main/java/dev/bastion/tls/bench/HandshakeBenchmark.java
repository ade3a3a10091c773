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
 * Full handshakes per second between a client and a server engine of the same provider, in
 * memory, on one thread (client and server work both count). x25519 for both providers
 * ({@code jdk.tls.namedGroups} is set for the forked JVM; secp256r1 follows it because a
 * TLS 1.2 ECDSA P-256 certificate needs it among the client's groups, RFC 8422 §5.1), server certificate ECDSA P-256 or
 * RSA-2048, no client authentication, no resumption. TLS 1.3 with the default suite, or TLS 1.2
 * with ECDHE-ECDSA-AES128-GCM (EC certificate) or ECDHE-RSA-AES128-GCM (RSA certificate), both
 * with the extended master secret.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Djdk.tls.namedGroups=x25519,secp256r1"})
public class HandshakeBenchmark {

    @Param({"SunJSSE", "Bastion"})
    public String provider;

    @Param({"EC", "RSA"})
    public String certificate;

    @Param({"TLSv1.3", "TLSv1.2"})
    public String protocol;

    private String suite;

    private SSLContext context;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Bastion.install();
        KeyStore ks = TestCredentials.selfSigned(certificate);
        context = TestCredentials.context(provider, ks);
        suite = protocol.equals("TLSv1.2") ? (certificate.equals("EC") ? "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
                : "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256") : null;
        EnginePair check = new EnginePair(context, protocol, suite).handshake();
        if (!check.client.getSession().getProtocol().equals(protocol)) {
            throw new IllegalStateException("negotiated " + check.client.getSession().getProtocol());
        }
    }

    @Benchmark
    public Object fullHandshake() throws Exception {
        EnginePair pair = EnginePair.reusingBuffers(context, protocol, suite).handshake();
        return pair.client.getSession();
    }
}
