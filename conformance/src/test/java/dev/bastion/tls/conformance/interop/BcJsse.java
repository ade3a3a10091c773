package dev.bastion.tls.conformance.interop;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Bouncy Castle BCJSSE (bctls 1.84) as a peer in its own JVM: {@code src/test/peers/BcJssePeer.java},
 * compiled once per run against the BC 1.84 jars that Maven copies to
 * {@code target/bcjsse-peer/} and started with only those jars on its class path, so it
 * cannot clash with the Bouncy Castle Bastion uses. Groups are chosen with
 * {@code -Djdk.tls.namedGroups}, which BCJSSE honours; without it BCJSSE uses its defaults.
 * The same jars also serve in this JVM, in a class loader of their own ({@link #inProcess()}):
 * BCJSSE engines driven in memory and the scripted low-level peer {@code BcScriptedPeer}.
 */
public final class BcJsse {
    /** One line the peer printed about a connection, parsed ({@code key=value} pairs). */
    public record Session(String kind, String target, Map<String, String> fields, String line) {
        public String get(String key) {
            return fields.get(key);
        }

        public boolean ok() {
            return kind.equals("SESSION") || kind.equals("RESULT");
        }
    }

    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S*)");
    private static final Map<String, Path> compiled = new HashMap<>();
    private static ClassLoader inProcess;
    private static Provider inProcessJsse;

    private BcJsse() {
    }

    /** A BCJSSE server: {@code groups} empty means BCJSSE's default groups. */
    public static Server server(TestPki.Credential cert, TestPki pki, List<String> groups, boolean needClientAuth)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("server", cert.pkcs12().toString(), pki.trustPkcs12().toString(),
                TestPki.PASSWORD));
        if (needClientAuth) {
            args.add("need-client-auth");
        }
        return new Server(start(groups, args));
    }

    /**
     * Runs a BCJSSE client once against each {@code 127.0.0.1} port in turn (one JVM for all)
     * and returns one parsed line per port.
     */
    public static List<Session> client(TestPki pki, List<String> groups, boolean withCertificate, List<Integer> ports)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("client", pki.trustPkcs12().toString(), TestPki.PASSWORD));
        if (withCertificate) {
            args.add("keystore=" + pki.client().pkcs12());
        }
        ports.forEach(p -> args.add(Interop.LOOPBACK + ":" + p));
        Process p = start(groups, args);
        p.getOutputStream().close();
        List<Session> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (out.size() < ports.size() && (line = r.readLine()) != null) {
                if (line.startsWith("RESULT ") || line.startsWith("ERROR ")) {
                    out.add(parse(line));
                }
            }
        } finally {
            try {
                p.waitFor(Interop.STEP.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Interop.kill(p);
        }
        if (out.size() < ports.size()) {
            throw new IOException("BCJSSE client ended early; got " + out);
        }
        return out;
    }

    /** A running BCJSSE server; ends when closed (its standard input closes) or after its lifetime. */
    public static final class Server implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final int port;

        private Server(Process process) throws IOException {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // process ended
                }
            }, "bcjsse-server-stdout");
            reader.setDaemon(true);
            reader.start();
            String first = take();
            if (first == null || !first.startsWith("LISTENING ")) {
                Interop.kill(process);
                throw new IOException("BCJSSE server did not start: " + first);
            }
            this.port = Integer.parseInt(first.substring("LISTENING ".length()).trim());
        }

        public int port() {
            return port;
        }

        /** The next connection's line (SESSION or FAILED). */
        public Session next() {
            String line = take();
            if (line == null) {
                throw new AssertionError("BCJSSE server reported no connection within " + Interop.STEP);
            }
            return parse(line);
        }

        private String take() {
            try {
                return lines.poll(Interop.STEP.toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        @Override
        public void close() {
            try {
                process.getOutputStream().close();
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException ignored) {
                // killed below anyway
            }
            Interop.kill(process);
        }
    }

    static Session parse(String line) {
        String[] parts = line.split(" ", 3);
        String kind = parts[0];
        boolean client = kind.equals("RESULT") || kind.equals("ERROR");
        String target = client ? parts[1] : null;
        String rest = client ? (parts.length > 2 ? parts[2] : "") : line.substring(kind.length()).trim();
        // fields of the peer's own session come before " body=", the server's echo after it
        int body = rest.indexOf(" body=");
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        Matcher m = FIELD.matcher(body < 0 ? rest : rest.substring(0, body));
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        if (body >= 0) {
            fields.put("body", rest.substring(body + 6));
        }
        return new Session(kind, target, fields, line);
    }

    private static Process start(List<String> groups, List<String> args) throws IOException {
        Path classes = compile("BcJssePeer");
        List<String> cmd = new ArrayList<>(List.of(Interop.javaLauncher(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", classes + File.pathSeparator + jars()));
        if (!groups.isEmpty()) {
            cmd.add("-Djdk.tls.namedGroups=" + String.join(",", groups));
        }
        cmd.add("BcJssePeer");
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectError(Interop.logFile("bcjsse-").toFile()).start();
    }

    /**
     * Compiles {@code src/test/peers/<name>.java} against the BC 1.84 jars only (once per run; again
     * only when the source changes) and returns the directory holding its classes.
     */
    static synchronized Path compile(String name) throws IOException {
        Path done = compiled.get(name);
        if (done != null) {
            return done;
        }
        Path source = Path.of(System.getProperty("bastion.interop.peers.dir", "src/test/peers"), name + ".java");
        Path out = Files.createDirectories(Interop.workDir().resolve(name.toLowerCase(Locale.ROOT) + "-classes"));
        Path classFile = out.resolve(name + ".class");
        if (!Files.exists(classFile)
                || Files.getLastModifiedTime(classFile).compareTo(Files.getLastModifiedTime(source)) < 0) {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int rc = javac.run(null, null, null, "-proc:none", "-nowarn", "-cp", jars(), "-d", out.toString(),
                    source.toString());
            if (rc != 0) {
                throw new IOException("cannot compile " + source + " against " + jars());
            }
        }
        compiled.put(name, out);
        return out;
    }

    /**
     * BC 1.84 in this JVM, for peers driven in memory or scripted through Bouncy Castle's low-level
     * TLS API: a class loader of its own over the 1.84 jars whose parent is the platform class
     * loader, so that it never sees the Bouncy Castle Bastion uses.
     */
    static synchronized ClassLoader inProcess() throws IOException {
        if (inProcess == null) {
            List<URL> urls = new ArrayList<>();
            for (String jar : jars().split(File.pathSeparator)) {
                urls.add(Path.of(jar).toUri().toURL());
            }
            inProcess = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        }
        return inProcess;
    }

    /**
     * A BCJSSE 1.84 {@code SSLContext} in this JVM (see {@link #inProcess()}), with BCJSSE's own
     * key manager over {@code keys} (null: none) and trust manager over the test CAs, for engines
     * driven in memory ({@link EnginePair}).
     */
    static synchronized SSLContext inProcessContext(TestPki.Credential keys, TestPki pki) throws Exception {
        if (inProcessJsse == null) {
            ClassLoader l = inProcess();
            Provider bc = (Provider) l.loadClass("org.bouncycastle.jce.provider.BouncyCastleProvider")
                    .getConstructor().newInstance();
            inProcessJsse = (Provider) l.loadClass("org.bouncycastle.jsse.provider.BouncyCastleJsseProvider")
                    .getConstructor(Provider.class).newInstance(bc);
        }
        char[] password = TestPki.PASSWORD.toCharArray();
        KeyManager[] keyManagers = null;
        if (keys != null) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", inProcessJsse);
            kmf.init(pkcs12(keys.pkcs12()), password);
            keyManagers = kmf.getKeyManagers();
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", inProcessJsse);
        tmf.init(pkcs12(pki.trustPkcs12()));
        SSLContext ctx = SSLContext.getInstance("TLS", inProcessJsse);
        ctx.init(keyManagers, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static KeyStore pkcs12(Path file) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, TestPki.PASSWORD.toCharArray());
        }
        return ks;
    }

    private static String jars() throws IOException {
        Path dir = Path.of(System.getProperty("bastion.interop.bcjsse.dir", "target/bcjsse-peer"));
        try (Stream<Path> s = Files.list(dir)) {
            String cp = s.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted()
                    .collect(Collectors.joining(File.pathSeparator));
            if (!cp.contains("bctls-jdk18on-1.84")) {
                throw new IOException("BCJSSE 1.84 jars missing in " + dir + " (run through Maven: the dependency plugin copies them)");
            }
            return cp;
        }
    }
}
