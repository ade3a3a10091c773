package dev.bastion.tls.conformance.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;

/**
 * {@code bastion client https://host:port/path [more URLs]}: like {@code openssl s_client} plus
 * one HTTP request per URL. Connects with one provider's {@code SSLEngine}, sends {@code GET}, reads the answer
 * to the end, and prints what was negotiated ({@link SessionReport}): protocol, suite, group,
 * ALPN, whether the session was resumed, and the server's certificate chain. With
 * {@code --resume N} it connects N more times with the same {@code SSLContext}, so the
 * provider can resume the first session. The exit status is 0 when every connection worked.
 */
public final class ClientCommand {
    static final Duration IO_TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_RESPONSE = 1 << 20;
    static final Set<String> VALUED = Options.union(TlsSetup.VALUED, Set.of("resume"));
    static final Set<String> SWITCHES = Options.union(TlsSetup.SWITCHES, Set.of("insecure"));

    private ClientCommand() {
    }

    /** {@code bastion client ...}; returns the exit status. */
    public static int run(String[] args, PrintStream out) throws Exception {
        Options o = Options.parse(args, VALUED, SWITCHES);
        TlsSetup.applyProcessWide(o);
        return run(o, out);
    }

    /** Runs with options whose process-wide part is already applied. */
    public static int run(Options o, PrintStream out) throws Exception {
        if (o.positional().isEmpty()) {
            throw new UsageException("give an https:// URL");
        }
        List<URI> urls = o.positional().stream().map(ClientCommand::url).toList();
        boolean insecure = o.has("insecure");
        if (insecure && o.value("cafile").isPresent()) {
            throw new UsageException("give either --cafile or --insecure, not both");
        }
        TrustManager[] fallback = insecure ? new TrustManager[] {new TrustAll()} : KeyMaterial.defaultTrustManagers();
        TlsSetup tls = TlsSetup.from(o, TlsSetup.keysFrom(o), fallback);
        SSLContext context = tls.context();
        int connections = 1 + o.integer("resume", 0, 0, 1000);
        out.println("provider:    " + tls.provider().getName() + " " + tls.provider().getVersionStr());
        int failed = 0;
        for (URI url : urls) {
            if (urls.size() > 1) {
                out.println("url:         " + url);
            }
            int port = url.getPort() < 0 ? 443 : url.getPort();
            for (int i = 1; i <= connections; i++) {
                if (connections > 1) {
                    out.println("connection:  " + i + " of " + connections);
                }
                SSLEngine engine = tls.clientEngine(context, url.getHost(), port, !insecure);
                try {
                    fetch(engine, url, port, out);
                } catch (IOException | RuntimeException e) {
                    failed++;
                    out.println("error:       " + Failures.describe(e));
                }
                out.flush();
            }
        }
        return failed == 0 ? 0 : 1;
    }

    private static void fetch(SSLEngine engine, URI url, int port, PrintStream out) throws IOException {
        HelloSniffer wire = new HelloSniffer(true);
        try (TlsConnection connection = TlsConnection.connect(engine, url.getHost(), port, IO_TIMEOUT, wire)) {
            connection.handshake();
            SessionReport.of(engine, wire).lines().forEach(out::println);
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
            byte[] request = ("GET " + path + query + " HTTP/1.1\r\nHost: " + url.getHost()
                    + (url.getPort() < 0 ? "" : ":" + port) + "\r\nUser-Agent: bastion-cli\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            connection.write(request, 0, request.length);
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n; response.size() < MAX_RESPONSE && (n = connection.read(buf, 0, buf.length)) >= 0; ) {
                response.write(buf, 0, n);
            }
            String text = response.toString(StandardCharsets.ISO_8859_1);
            out.println("response:    " + text.lines().findFirst().orElse("(nothing)") + " (" + response.size()
                    + " bytes" + (connection.closeNotifyReceived() ? "" : ", no close_notify") + ")");
        }
    }

    private static URI url(String text) {
        try {
            URI u = new URI(text);
            if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
                throw new UsageException("the URL must be https://host[:port]/..., got " + text);
            }
            return u;
        } catch (URISyntaxException e) {
            throw new UsageException("not a URL: " + text + " (" + e.getMessage() + ")");
        }
    }
}
