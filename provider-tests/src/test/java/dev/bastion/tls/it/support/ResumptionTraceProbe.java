package dev.bastion.tls.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocketFactory;

/**
 * Run in a fresh JVM with {@code dev.bastion.tls.debug=handshake} by
 * {@code HttpsUrlConnectionResumptionTest}: for each {@code client:server} provider pair given
 * after the protocol version, two {@code HttpsURLConnection} requests over two TCP connections
 * with one client context, printing Bastion's handshake trace of each connection (from the
 * {@code dev.bastion.tls.handshake} logger) between marker lines:
 * {@code @@connection <client> <server> <n>}, then {@code @@entry} before each entry.
 */
public final class ResumptionTraceProbe {
    private ResumptionTraceProbe() {
    }

    /** Collects the trace's entries. */
    private static final class Capture extends Handler {
        final List<String> entries = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord r) {
            entries.add(r.getMessage());
        }

        synchronized List<String> take() {
            List<String> out = List.copyOf(entries);
            entries.clear();
            return out;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    public static void main(String[] args) throws Exception {
        String version = args[0];
        Logger logger = Logger.getLogger("dev.bastion.tls.handshake");
        Capture capture = new Capture();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.INFO);
        logger.addHandler(capture);
        for (int i = 1; i < args.length; i++) {
            String[] pair = args[i].split(":");
            SSLSocketFactory factory = Tls.client(pair[0]).getSocketFactory();
            try (HttpsTestServer server = new HttpsTestServer(Tls.server(pair[1]), version)) {
                String url = "https://localhost:" + server.port() + "/";
                for (int n = 1; n <= 2; n++) {
                    Https.Response r = Https.requestAndClose(url, factory);
                    // the server's last entries (its Finished, TLS 1.3 tickets) may follow the response
                    Thread.sleep(200);
                    System.out.println("@@connection " + pair[0] + " " + pair[1] + " " + n + " status " + r.status()
                            + " " + r.protocol());
                    for (String e : capture.take()) {
                        System.out.println("@@entry");
                        System.out.println(e);
                    }
                }
            }
        }
        System.out.println("@@end");
    }
}
