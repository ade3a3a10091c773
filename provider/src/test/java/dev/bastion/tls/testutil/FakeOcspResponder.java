package dev.bastion.tls.testutil;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * An OCSP responder on 127.0.0.1 for stapling tests (RFC 6960 Appendix A.1; a minimal HTTP/1.1
 * server, one request per connection): it parses each POSTed
 * request with Bouncy Castle's {@code OCSPReq} (so a malformed request fails the test that sent
 * it), keeps it, and answers as its {@link Mode} says, signed by the CA. Bouncy Castle builds the
 * responses; the JDK has no public API for that. Test-only.
 */
public final class FakeOcspResponder implements AutoCloseable {
    /** What the responder answers. */
    public enum Mode {
        GOOD, REVOKED, HTTP_500, GARBAGE, TRY_LATER, OTHER_SERIAL, EXPIRED, SLOW
    }

    private final ServerSocket listener;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-ocsp-responder");
        t.setDaemon(true);
        return t;
    });
    private final TestCert.Issued ca;
    private final List<OCSPReq> requests = new ArrayList<>();
    private volatile Mode mode = Mode.GOOD;
    private volatile Duration delay = Duration.ofSeconds(3);
    private volatile byte[] lastResponse;

    public FakeOcspResponder(TestCert.Issued ca) throws IOException {
        this.ca = ca;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        executor.execute(this::accept);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                executor.execute(() -> handle(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** The responder's URL, for a certificate's Authority Information Access. */
    public String uri() {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/ocsp";
    }

    public FakeOcspResponder mode(Mode m) {
        this.mode = m;
        return this;
    }

    /** How long {@link Mode#SLOW} waits before answering. */
    public FakeOcspResponder delay(Duration d) {
        this.delay = d;
        return this;
    }

    /** The requests received so far. */
    public synchronized List<OCSPReq> requests() {
        return List.copyOf(requests);
    }

    /** The last response sent. */
    public byte[] lastResponse() {
        return lastResponse;
    }

    /** Bouncy Castle's CertID for {@code cert} (SHA-1, as RFC 5019 asks). */
    public CertificateID idOf(X509Certificate cert) throws Exception {
        return new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(ca.cert()), cert.getSerialNumber());
    }

    private void handle(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            socket.setSoTimeout(20_000);
            int length = contentLength(in);
            OCSPReq req = new OCSPReq(in.readNBytes(length));
            synchronized (this) {
                requests.add(req);
            }
            Mode m = mode;
            byte[] body;
            switch (m) {
                case HTTP_500 -> {
                    out.write("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                case GARBAGE -> body = new byte[] {0x30, 0x03, 0x02, 0x01};
                case TRY_LATER -> body = new OCSPRespBuilder().build(OCSPRespBuilder.TRY_LATER, null).getEncoded();
                case SLOW -> {
                    Thread.sleep(delay.toMillis());
                    body = response(req, Mode.GOOD);
                }
                default -> body = response(req, m);
            }
            lastResponse = body;
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/ocsp-response\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the client went away or sent something that is no OCSP request: the test that did it fails on its own
        }
    }

    /** Reads the request line and headers; returns Content-Length. */
    private static int contentLength(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of stream in the request head");
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        throw new IOException("no Content-Length");
    }

    private byte[] response(OCSPReq req, Mode m) throws Exception {
        Req one = req.getRequestList()[0];
        CertificateID id = one.getCertID();
        if (m == Mode.OTHER_SERIAL) {
            id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(ca.cert()), id.getSerialNumber().add(java.math.BigInteger.ONE));
        }
        Instant now = Instant.now();
        BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(new JcaX509CertificateHolder(ca.cert()).getSubject()));
        CertificateStatus status = m == Mode.REVOKED
                ? new RevokedStatus(Date.from(now.minus(Duration.ofHours(1))), CRLReason.keyCompromise)
                : CertificateStatus.GOOD;
        Instant next = m == Mode.EXPIRED ? now.minus(Duration.ofMinutes(1)) : now.plus(Duration.ofDays(1));
        b.addResponse(id, status, Date.from(now.minus(Duration.ofMinutes(10))), Date.from(next));
        Extension nonce = req.getExtension(org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce != null) {
            b.setResponseExtensions(new org.bouncycastle.asn1.x509.Extensions(nonce));
        }
        String alg = ca.keys().getPublic().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        BasicOCSPResp basic = b.build(new JcaContentSignerBuilder(alg).build(ca.keys().getPrivate()),
                new X509CertificateHolder[0], Date.from(now));
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing
        }
        executor.shutdownNow();
    }
}
