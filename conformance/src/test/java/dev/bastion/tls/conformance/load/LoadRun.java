package dev.bastion.tls.conformance.load;

import dev.bastion.tls.conformance.interop.Providers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * Runs {@code normal} well-behaved exchanges plus a share of faulty and slow clients against
 * one server, from {@link #CLIENT_THREADS} client threads. Well-behaved client {@code i}:
 * Bastion's {@code SSLSocket}, or SunJSSE's for every fourth; TLS 1.2 for every third, else
 * TLS 1.3; two in five use their thread's long-lived context (so they resume the session of
 * the previous such connection), the others a fresh context (full handshake). Each connects,
 * handshakes, sends one request and reads the response to the server's close_notify.
 */
final class LoadRun {
    static final int CLIENT_THREADS = 64;
    private static final String TLS12 = "TLSv1.2";
    private static final String TLS13 = "TLSv1.3";

    /** What the clients saw. */
    record Figures(int normal, Map<Fault, Integer> faults, long nanos, long cpuNanos, int failures,
            List<String> failureSamples, long faultClientErrors) {
        /** Well-behaved connections made with their thread's long-lived context. */
        int resuming() {
            return (int) java.util.stream.IntStream.range(0, normal).filter(LoadRun::resumes).count();
        }

        int connections() {
            return normal + faults.values().stream().mapToInt(Integer::intValue).sum();
        }

        double perSecond() {
            return connections() / (nanos / 1e9);
        }

        /** Connections per second of CPU time of the whole JVM (clients and server): comparable on a busy machine. */
        double perCpuSecond() {
            return connections() / (cpuNanos / 1e9);
        }
    }

    private final int port;
    private final TrustManager[] trust;
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger failures = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
    private final LongAdder faultErrors = new LongAdder();

    private LoadRun(int port, TrustManager[] trust) {
        this.port = port;
        this.trust = trust;
    }

    /** The faults mixed into a run of {@code normal} exchanges: 1% of each kind, 0.2% slow (at least 2 each). */
    static Map<Fault, Integer> faultsFor(int normal) {
        Map<Fault, Integer> out = new EnumMap<>(Fault.class);
        for (Fault f : Fault.values()) {
            out.put(f, Math.max(2, f == Fault.SLOW ? normal / 500 : normal / 100));
        }
        return out;
    }

    static Figures run(int port, TrustManager[] trust, int normal) throws InterruptedException {
        return new LoadRun(port, trust).go(normal);
    }

    private Figures go(int normal) throws InterruptedException {
        Map<Fault, Integer> faults = faultsFor(normal);
        List<Object> tasks = new ArrayList<>();
        for (int i = 0; i < normal; i++) {
            tasks.add(i);
        }
        faults.forEach((f, n) -> tasks.addAll(Collections.nCopies(n, f)));
        Collections.shuffle(tasks, new Random(7));
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        for (int t = 0; t < CLIENT_THREADS; t++) {
            Thread th = new Thread(() -> work(tasks, next), "load-client-" + t);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join(240_000);
            if (th.isAlive()) {
                failure("client thread " + th.getName() + " still running after 240 s");
                th.interrupt();
            }
        }
        return new Figures(normal, faults, System.nanoTime() - start, cpuNanos() - cpuStart, failures.get(),
                List.copyOf(samples), faultErrors.sum());
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private void work(List<Object> tasks, AtomicInteger next) {
        Map<String, SSLContext> resuming = new HashMap<>();
        int k;
        while ((k = next.getAndIncrement()) < tasks.size()) {
            Object task = tasks.get(k);
            if (task instanceof Integer i) {
                normal(i, resuming);
            } else {
                fault((Fault) task, k);
            }
        }
    }

    private void normal(int i, Map<String, SSLContext> resuming) {
        String provider = i % 4 == 3 ? "SunJSSE" : "Bastion";
        String protocol = i % 3 == 0 ? TLS12 : TLS13;
        SSLContext ctx = resumes(i) ? resuming.computeIfAbsent(provider + protocol, k -> context(provider))
                : context(provider);
        String token = "n" + i;
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", port), StepClient.TIMEOUT_MILLIS);
            plain.setTcpNoDelay(true);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, "localhost", port, true)) {
                s.setSoTimeout(StepClient.TIMEOUT_MILLIS);
                s.setEnabledProtocols(new String[] {protocol});
                s.startHandshake();
                if (!protocol.equals(s.getSession().getProtocol())) {
                    failure(provider + " " + protocol + ": negotiated " + s.getSession().getProtocol());
                }
                s.getOutputStream().write(Http.request(token));
                s.getOutputStream().flush();
                String got = readToEnd(s.getInputStream());
                if (!got.equals(Http.expected(token))) {
                    failure(provider + " " + protocol + ": response " + got);
                }
            }
        } catch (IOException | RuntimeException e) {
            failure(provider + " " + protocol + " " + (resumes(i) ? "resuming" : "fresh") + ": " + e);
        }
    }

    /** Two in five: a context that lives as long as the client thread, so its sessions are resumed. */
    static boolean resumes(int i) {
        return i % 5 < 2;
    }

    private void fault(Fault fault, int k) {
        String protocol = k % 2 == 0 ? TLS12 : TLS13;
        try (StepClient c = new StepClient(context("Bastion"), protocol, port, fault == Fault.SLOW)) {
            switch (fault) {
                case HELLO_THEN_CLOSE -> c.sendClientHello();
                case HALF_HELLO -> {
                    byte[] hello = c.clientHello();
                    c.send(hello, 5 + (hello.length - 5) / 2);
                }
                case FLIGHT_THEN_CLOSE -> {
                    c.sendClientHello();
                    c.readServerFlight();
                }
                case MID_RECORD -> {
                    c.handshake();
                    byte[] record = c.seal(Http.request("m" + k));
                    c.send(record, 5 + (record.length - 5) / 2);
                }
                case CLOSE_NOTIFY -> {
                    c.handshake();
                    c.sendCloseNotify();
                }
                case RESET_AFTER_REQUEST -> {
                    c.handshake();
                    c.send(c.seal(Http.request("r" + k)));
                    c.reset();
                }
                case SLOW -> {
                    c.handshake();
                    c.send(c.seal(Http.request("s" + k)));
                    String got = c.readToEnd();
                    if (!got.equals(Http.expected("s" + k))) {
                        failure("slow client " + protocol + ": response " + got);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (fault == Fault.SLOW) {
                failure("slow client " + protocol + ": " + e);
            } else {
                faultErrors.increment();
                if (samples.size() < 10) {
                    samples.add("(fault client " + fault + " " + protocol + ": " + e + ")");
                }
            }
        }
    }

    private SSLContext context(String provider) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS", Providers.provider(provider));
            ctx.init(null, trust, random);
            ctx.getClientSessionContext().setSessionCacheSize(16);
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        int n;
        while (all.size() < 65536 && (n = in.read(buf)) >= 0) {
            all.write(buf, 0, n);
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    private void failure(String what) {
        failures.incrementAndGet();
        if (samples.size() < 10) {
            samples.add(what);
        }
    }
}
