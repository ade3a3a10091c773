package dev.bastion.tls.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
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
 * One 16 KiB application write per operation over an established connection: client
 * {@code wrap} + server {@code unwrap}, per suite and provider. The TLS 1.3 suites run over
 * TLS 1.3, the others over TLS 1.2 (ECDHE-RSA with an RSA certificate, ECDHE-ECDSA with an EC
 * one). MB/s = ops/s × 16 KiB; run with {@code -prof gc} for bytes allocated per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BulkBenchmark {
    static final int SIZE = 16 * 1024;

    @Param({"SunJSSE", "Bastion"})
    public String provider;

    @Param({"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"})
    public String suite;

    private EnginePair pair;
    private ByteBuffer plaintext;
    private ByteBuffer net;
    private ByteBuffer app;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Bastion.install();
        boolean tls13 = suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
        String certificate = suite.contains("_RSA_") ? "RSA" : "EC";
        pair = new EnginePair(TestCredentials.context(provider, TestCredentials.selfSigned(certificate)),
                tls13 ? "TLSv1.3" : "TLSv1.2", suite).handshake();
        if (!pair.client.getSession().getCipherSuite().equals(suite)) {
            throw new IllegalStateException("negotiated " + pair.client.getSession().getCipherSuite());
        }
        plaintext = ByteBuffer.allocate(SIZE);
        new java.util.Random(1).nextBytes(plaintext.array());
        net = ByteBuffer.allocate(2 * pair.client.getSession().getPacketBufferSize() + 512);
        app = ByteBuffer.allocate(Math.max(pair.server.getSession().getApplicationBufferSize(), SIZE) + 512);
    }

    /**
     * One 16 KiB write: wrap until all of it is consumed (SunJSSE puts at most 16,367 bytes in
     * a TLS 1.3 record, so it needs two records; Bastion one), then unwrap everything.
     */
    @Benchmark
    public int wrapUnwrap16k() throws SSLException {
        plaintext.rewind();
        net.clear();
        while (plaintext.hasRemaining()) {
            SSLEngineResult w = pair.client.wrap(plaintext, net);
            if (w.getStatus() != SSLEngineResult.Status.OK) {
                throw new IllegalStateException(w.toString());
            }
        }
        net.flip();
        app.clear();
        while (net.hasRemaining()) {
            SSLEngineResult u = pair.server.unwrap(net, app);
            if (u.getStatus() != SSLEngineResult.Status.OK) {
                throw new IllegalStateException(u.toString());
            }
        }
        if (app.position() != SIZE) {
            throw new IllegalStateException("received " + app.position());
        }
        return app.position();
    }
}
