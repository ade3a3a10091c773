package dev.bastion.tls.bench;

import dev.bastion.tls.crypto.AeadAlgorithm;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.record.ContentType;
import dev.bastion.tls.record.Tls13Protection;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
 * Seal + open of one 16 KiB TLS 1.3 application-data record per operation, for each AEAD:
 * <ul>
 *   <li>{@code bastion}: {@link Tls13Protection} seal into a packet buffer, then open into an
 *       application buffer (what an SSLEngine wrap + the peer's unwrap do);
 *   <li>{@code rawJca}: the bare SunJCE cipher doing the same work on the same bytes (encrypt
 *       with the 5-byte header as AAD, then decrypt), fresh nonce each time;
 *   <li>{@code sunJsse}: SunJSSE's client {@code wrap} + server {@code unwrap} of the same 16 KiB
 *       over an established TLS 1.3 connection with this suite (the stack we replace).
 * </ul>
 * Throughput is bytes of application data per second: multiply ops/s by 16 KiB. Run with
 * {@code -prof gc} for bytes allocated per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RecordProtectionBenchmark {
    static final int SIZE = 16 * 1024;

    @Param({"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    public String suite;

    @Param({"heap", "direct"})
    public String buffers;

    private Tls13Protection sealer;
    private Tls13Protection opener;
    private ByteBuffer plaintext;
    private ByteBuffer packet;
    private ByteBuffer app;

    private Cipher rawEnc;
    private Cipher rawDec;
    private SecretKeySpec rawKey;
    private byte[] iv;
    private byte[] aad;
    private long rawSeq;

    private EnginePair sunJsse;
    private ByteBuffer sunNet;
    private ByteBuffer sunApp;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        CipherSuite cs = CipherSuite.fromJsseName(suite).orElseThrow();
        AeadAlgorithm alg = cs.aead();
        SecureRandom rnd = new SecureRandom();
        byte[] key = new byte[alg.keyLength()];
        byte[] ivBytes = new byte[12];
        rnd.nextBytes(key);
        rnd.nextBytes(ivBytes);
        sealer = new Tls13Protection(new TrafficKeys(alg, key.clone(), ivBytes.clone()));
        opener = new Tls13Protection(new TrafficKeys(alg, key.clone(), ivBytes.clone()));

        boolean direct = buffers.equals("direct");
        plaintext = alloc(SIZE, direct);
        byte[] data = new byte[SIZE];
        rnd.nextBytes(data);
        plaintext.put(data).flip();
        packet = alloc(SIZE + 512, direct);
        app = alloc(SIZE + 512, direct);

        boolean chacha = alg == AeadAlgorithm.CHACHA20_POLY1305;
        // two cipher objects, as two peers have: SunJCE refuses to re-init one with the same key and nonce
        rawEnc = Cipher.getInstance(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding", "SunJCE");
        rawDec = Cipher.getInstance(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding", "SunJCE");
        rawKey = new SecretKeySpec(key, chacha ? "ChaCha20" : "AES");
        iv = ivBytes.clone();
        aad = new byte[] {23, 3, 3, (byte) ((SIZE + 17) >>> 8), (byte) (SIZE + 17)};

        sunJsse = new EnginePair(TestCredentials.context("SunJSSE", TestCredentials.selfSigned("EC")), "TLSv1.3", suite).handshake();
        sunNet = alloc(sunJsse.client.getSession().getPacketBufferSize() + 512, direct);
        sunApp = alloc(sunJsse.server.getSession().getApplicationBufferSize() + 512, direct);
    }

    private static ByteBuffer alloc(int n, boolean direct) {
        return direct ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
    }

    @Benchmark
    public int bastion() {
        plaintext.rewind();
        packet.clear();
        sealer.seal(ContentType.APPLICATION_DATA, plaintext, packet);
        packet.flip();
        app.clear();
        opener.open(packet, app);
        return app.position();
    }

    @Benchmark
    public int rawJca() throws Exception {
        byte[] nonce = nonce(rawSeq++);
        plaintext.rewind();
        packet.clear();
        rawEnc.init(Cipher.ENCRYPT_MODE, rawKey, spec(nonce));
        rawEnc.updateAAD(aad);
        rawEnc.doFinal(plaintext, packet);
        packet.flip();
        app.clear();
        rawDec.init(Cipher.DECRYPT_MODE, rawKey, spec(nonce));
        rawDec.updateAAD(aad);
        return rawDec.doFinal(packet, app);
    }

    @Benchmark
    public int sunJsse() throws SSLException {
        plaintext.rewind();
        sunNet.clear();
        SSLEngineResult w = sunJsse.client.wrap(plaintext, sunNet);
        sunNet.flip();
        sunApp.clear();
        SSLEngineResult u = sunJsse.server.unwrap(sunNet, sunApp);
        return w.bytesProduced() + u.bytesProduced();
    }

    private byte[] nonce(long seq) {
        byte[] n = iv.clone();
        for (int i = 0; i < 8; i++) {
            n[11 - i] ^= (byte) (seq >>> (8 * i));
        }
        return n;
    }

    private java.security.spec.AlgorithmParameterSpec spec(byte[] nonce) {
        return rawKey.getAlgorithm().equals("AES") ? new GCMParameterSpec(128, nonce) : new IvParameterSpec(nonce);
    }
}
