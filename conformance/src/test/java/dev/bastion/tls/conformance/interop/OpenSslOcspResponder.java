package dev.bastion.tls.conformance.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.text.SimpleDateFormat;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OpenSSL's OCSP responder ({@code openssl ocsp -index ... -reqin ... -respout ...}: its index
 * file, its CertID matching, its signature) behind a minimal HTTP/1.1 listener on 127.0.0.1
 * (RFC 6960 Appendix A.1, POST). {@code openssl ocsp -port} would listen on every interface, so
 * this class takes each request off the socket and runs the responder once per request, offline.
 * The index says each certificate's status; a certificate it does not list is "unknown".
 */
final class OpenSslOcspResponder implements AutoCloseable {
    private final ServerSocket listener;
    private final Path dir;
    private final Path index;
    private final Path caPem;
    private final Path caKey;
    private final AtomicInteger requests = new AtomicInteger();
    private final Thread thread;

    /** A responder for certificates issued by {@code ca}: {@code good} are valid, {@code revoked} revoked an hour ago. */
    OpenSslOcspResponder(Path workDir, X509Certificate ca, PrivateKey caKey, List<X509Certificate> good,
            List<X509Certificate> revoked) throws Exception {
        this.dir = Files.createTempDirectory(workDir, "ocsp-responder-");
        this.caPem = Files.writeString(dir.resolve("ca.pem"), pem("CERTIFICATE", ca.getEncoded()));
        this.caKey = Files.writeString(dir.resolve("ca.key"), pem("PRIVATE KEY", caKey.getEncoded()));
        StringBuilder idx = new StringBuilder();
        for (X509Certificate c : good) {
            idx.append(line("V", c, ""));
        }
        for (X509Certificate c : revoked) {
            idx.append(line("R", c, time(new Date(System.currentTimeMillis() - 3_600_000L)) + ",keyCompromise"));
        }
        this.index = Files.writeString(dir.resolve("index.txt"), idx.toString());
        Files.writeString(dir.resolve("index.txt.attr"), "unique_subject = no\n");
        this.listener = new ServerSocket(0, 16, InetAddress.getByName(Interop.LOOPBACK));
        this.thread = new Thread(this::serve, "openssl-ocsp-responder");
        thread.setDaemon(true);
        thread.start();
    }

    /** The responder's URL. */
    String uri() {
        return "http://" + Interop.LOOPBACK + ":" + listener.getLocalPort() + "/";
    }

    /** How many requests it answered. */
    int requests() {
        return requests.get();
    }

    private void serve() {
        while (!listener.isClosed()) {
            try (Socket s = listener.accept()) {
                s.setSoTimeout(10_000);
                answer(s);
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private void answer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        int length = contentLength(in);
        Path req = Files.createTempFile(dir, "req-", ".der");
        Path resp = dir.resolve(req.getFileName() + ".resp");
        Files.write(req, in.readNBytes(length));
        Path log = Interop.logFile("openssl-ocsp-");
        Process p = new ProcessBuilder("timeout", "20", "openssl", "ocsp", "-index", index.toString(), "-CA", caPem.toString(),
                "-rsigner", caPem.toString(), "-rkey", caKey.toString(), "-ndays", "1", "-reqin", req.toString(),
                "-respout", resp.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(25, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(resp)) {
                Interop.kill(p);
                throw new IOException("openssl ocsp failed: " + Interop.read(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        byte[] body = Files.readAllBytes(resp);
        requests.incrementAndGet();
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/ocsp-response\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static int contentLength(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || head.size() > 8192) {
                throw new IOException("no complete HTTP request head");
            }
            head.write(b);
        }
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        throw new IOException("no Content-Length");
    }

    /** An index.txt line (OpenSSL's ca database): status, expiry, revocation, serial, file, subject. */
    private static String line(String status, X509Certificate c, String revocation) {
        String serial = c.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
        if (serial.length() % 2 == 1) {
            serial = "0" + serial;
        }
        return status + "\t" + time(c.getNotAfter()) + "\t" + revocation + "\t" + serial + "\tunknown\t/"
                + c.getSubjectX500Principal().getName().replace(",", "/") + "\n";
    }

    private static String time(Date d) {
        SimpleDateFormat f = new SimpleDateFormat("yyMMddHHmmss'Z'");
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        return f.format(d);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
