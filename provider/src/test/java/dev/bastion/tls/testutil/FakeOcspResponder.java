package dev.bastion.tls.testutil;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
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
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.ContentSigner;
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
        GOOD, REVOKED, UNKNOWN, HTTP_500, GARBAGE, TRY_LATER, OTHER_SERIAL, EXPIRED, SLOW,
        /** Good, with the CA named by the hash of its key (ResponderID byKey). */
        BY_KEY,
        /** Good, signed with RSASSA-PSS (SHA-256, MGF1, 32-byte salt): needs a CA with an RSA key. */
        PSS,
        /** Good, signed by a responder certificate the CA issued for id-kp-OCSPSigning, carried in the response. */
        DELEGATED,
        /** As {@link #DELEGATED}, the responder named byKey. */
        DELEGATED_BY_KEY,
        /** Good, "signed by the CA" with a key that is not the CA's. */
        WRONG_KEY,
        /** Signed by a responder certificate of the CA without id-kp-OCSPSigning. */
        DELEGATED_WITHOUT_EKU,
        /** Signed by a responder certificate for id-kp-OCSPSigning from an impostor CA of the same name. */
        DELEGATED_BY_IMPOSTOR,
        /** Signed by a responder certificate of the CA whose validity is over. */
        DELEGATED_EXPIRED,
        /** Signed by a responder certificate of the CA that the response does not carry. */
        DELEGATED_NOT_CARRIED
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
            OCSPReq req = new OCSPReq(requestBytes(in));
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

    /**
     * The DER request: a POST's body, or what a GET carries in its last path segment (RFC 6960
     * A.1: base64, URL-encoded; the JDK's revocation checker GETs requests under 255 bytes).
     */
    private static byte[] requestBytes(InputStream in) throws IOException {
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
        String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
        if (lines[0].startsWith("GET ")) {
            String path = lines[0].split(" ")[1];
            return Base64.getDecoder().decode(URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1),
                    StandardCharsets.UTF_8));
        }
        for (String line : lines) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                return in.readNBytes(Integer.parseInt(line.substring(15).trim()));
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
        TestCert.Issued signer = signer(m, now);
        X509CertificateHolder signerHolder = new JcaX509CertificateHolder(signer.cert());
        RespID responderId = m == Mode.BY_KEY || m == Mode.DELEGATED_BY_KEY
                ? new RespID(SubjectPublicKeyInfo.getInstance(signer.keys().getPublic().getEncoded()),
                        new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1))
                : new RespID(signerHolder.getSubject());
        BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(responderId);
        CertificateStatus status = switch (m) {
            case REVOKED -> new RevokedStatus(Date.from(now.minus(Duration.ofHours(1))), CRLReason.keyCompromise);
            case UNKNOWN -> new UnknownStatus();
            default -> CertificateStatus.GOOD;
        };
        Instant next = m == Mode.EXPIRED ? now.minus(Duration.ofMinutes(1)) : now.plus(Duration.ofDays(1));
        b.addResponse(id, status, Date.from(now.minus(Duration.ofMinutes(10))), Date.from(next));
        Extension nonce = req.getExtension(org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce != null) {
            b.setResponseExtensions(new org.bouncycastle.asn1.x509.Extensions(nonce));
        }
        boolean carried = signer != ca && m != Mode.DELEGATED_NOT_CARRIED;
        BasicOCSPResp basic = b.build(contentSigner(m, signer.keys()),
                carried ? new X509CertificateHolder[] {signerHolder} : new X509CertificateHolder[0], Date.from(now));
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    /** Who signs in mode {@code m}: the CA, a responder certificate, or (for WRONG_KEY) the CA's name with a stranger's key. */
    private TestCert.Issued signer(Mode m, Instant now) throws Exception {
        return switch (m) {
            case DELEGATED, DELEGATED_BY_KEY, DELEGATED_NOT_CARRIED ->
                TestCert.of("CN=Fake OCSP Responder").issuer(ca).extendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning).issue();
            case DELEGATED_WITHOUT_EKU -> TestCert.of("CN=Fake OCSP Responder").issuer(ca)
                    .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).issue();
            case DELEGATED_EXPIRED -> TestCert.of("CN=Fake OCSP Responder").issuer(ca)
                    .extendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning)
                    .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).issue();
            case DELEGATED_BY_IMPOSTOR -> {
                TestCert.Issued impostor = TestCert.of(ca.cert().getSubjectX500Principal().getName()).ca().issue();
                yield TestCert.of("CN=Fake OCSP Responder").issuer(impostor)
                        .extendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning).issue();
            }
            case WRONG_KEY -> new TestCert.Issued(ca.cert(), TestCert.generate(ca.keys().getPublic().getAlgorithm(),
                    ca.keys().getPublic().getAlgorithm().equals("EC") ? 256 : 2048));
            default -> ca;
        };
    }

    private static ContentSigner contentSigner(Mode m, KeyPair keys) throws Exception {
        if (m == Mode.PSS) {
            return pssSigner(keys);
        }
        String alg = keys.getPublic().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaContentSignerBuilder(alg).build(keys.getPrivate());
    }

    /** RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt, through the JDK's Signature (RFC 4055 parameters). */
    private static ContentSigner pssSigner(KeyPair keys) throws Exception {
        java.security.Signature sig = java.security.Signature.getInstance("RSASSA-PSS");
        sig.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        sig.initSign(keys.getPrivate());
        AlgorithmIdentifier sha256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);
        AlgorithmIdentifier id = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, new RSASSAPSSparams(sha256,
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, sha256), new ASN1Integer(32), new ASN1Integer(1)));
        ByteArrayOutputStream tbs = new ByteArrayOutputStream();
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return id;
            }

            @Override
            public OutputStream getOutputStream() {
                return tbs;
            }

            @Override
            public byte[] getSignature() {
                try {
                    sig.update(tbs.toByteArray());
                    return sig.sign();
                } catch (java.security.SignatureException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
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
