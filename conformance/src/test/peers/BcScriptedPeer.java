// A scripted TLS peer on Bouncy Castle's low-level TLS API (bctls 1.84, org.bouncycastle.tls),
// which can do what no JSSE peer lets an application do: send a TLS 1.3 KeyUpdate whenever it
// likes, send a warning alert in the middle of the data, offer record_size_limit and
// max_fragment_length, send a server_name exactly as given. Compiled by the interop tests
// (dev.bastion.tls.conformance.interop.BcJsse) against the BC 1.84 jars and loaded in the test JVM
// in a class loader of their own (BcScriptedPeerInteropTest).
//
// apply(script, socket) runs one connection over the socket and returns one line:
//   "RESULT scripted version=TLSv1.3 rounds=N mfl=CODE rsl=LIMIT"
//       mfl: the max_fragment_length code in the other side's hello extensions (-1: none);
//       rsl: the record_size_limit in them (-1: none)
//   "ERROR scripted alert=CODE <exception> [/ caused by ...]"
//       alert: the fatal alert received from the other side (-1: none received)
// Script words: tls13|tls12, client|server, key=DER-FILE cert=DER-FILE (server: PKCS#8 P-256 key,
// its certificate), rounds=N (default 1), ku=N (at least N rounds, each of the first N starting
// with a KeyUpdate, update_requested on every second one starting with the first), warn=CODE (a
// warning alert before the last round's data), rsl=N, mfl=CODE, sni=NAME (client hello
// extensions), bytes=N (data per round; default 1000). Each round writes N random bytes (in
// pieces of 32 KiB) and reads the other side's echo of them; then close_notify.

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.Random;
import java.util.Vector;
import java.util.function.BiFunction;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsProtocol;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

public final class BcScriptedPeer implements BiFunction<String, Socket, String> {
    private static final int PIECE = 1 << 15;

    /**
     * Calls one of TlsProtocol's protected methods (send13KeyUpdate, raiseAlertWarning,
     * getContext), which a script needs and the public API does not offer.
     */
    private static Object call(TlsProtocol protocol, String name, Class<?>[] types, Object... args)
            throws IOException {
        try {
            Method m = TlsProtocol.class.getDeclaredMethod(name, types);
            m.setAccessible(true);
            return m.invoke(protocol, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String apply(String script, Socket socket) {
        String[] words = script.split(" ");
        ProtocolVersion[] versions = has(words, "tls13") ? ProtocolVersion.TLSv13.only() : ProtocolVersion.TLSv12.only();
        int[] seen = {-1, -1}; // max_fragment_length, record_size_limit of the other side
        try {
            TlsProtocol protocol = has(words, "client") ? connect(words, versions, socket, seen)
                    : accept(words, versions, socket, seen);
            int rounds = exchange(words, protocol);
            TlsContext context = (TlsContext) call(protocol, "getContext", new Class<?>[0]);
            String version = context.getServerVersion().equals(ProtocolVersion.TLSv13) ? "TLSv1.3" : "TLSv1.2";
            protocol.close();
            return "RESULT scripted version=" + version + " rounds=" + rounds + " mfl=" + seen[0] + " rsl=" + seen[1];
        } catch (Throwable e) {
            StringBuilder sb = new StringBuilder("ERROR scripted alert=")
                    .append(e instanceof TlsFatalAlertReceived r ? r.getAlertDescription() : -1).append(' ').append(e);
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                sb.append(" / caused by ").append(c);
            }
            return sb.toString().replace('\n', ' ');
        }
    }

    private static TlsProtocol connect(String[] words, ProtocolVersion[] versions, Socket socket, int[] seen)
            throws IOException {
        int rsl = num(words, "rsl", -1);
        int mfl = num(words, "mfl", -1);
        String sni = str(words, "sni");
        TlsClientProtocol client = new TlsClientProtocol(socket.getInputStream(), socket.getOutputStream());
        client.connect(new DefaultTlsClient(new BcTlsCrypto(new SecureRandom())) {
            @Override
            public ProtocolVersion[] getProtocolVersions() {
                return versions;
            }

            @Override
            protected Vector getSNIServerNames() {
                Vector names = new Vector();
                if (sni != null) {
                    names.add(new ServerName(NameType.host_name, sni.getBytes(StandardCharsets.US_ASCII)));
                }
                return names.isEmpty() ? null : names;
            }

            @Override
            public Hashtable getClientExtensions() throws IOException {
                Hashtable ext = super.getClientExtensions();
                if (rsl >= 0) {
                    TlsExtensionsUtils.addRecordSizeLimitExtension(ext, rsl);
                }
                if (mfl >= 0) {
                    TlsExtensionsUtils.addMaxFragmentLengthExtension(ext, (short) mfl);
                }
                return ext;
            }

            @Override
            public void processServerExtensions(Hashtable ext) throws IOException {
                super.processServerExtensions(ext);
                record(ext, seen);
            }

            @Override
            public TlsAuthentication getAuthentication() {
                // the server's certificate is not what these scripts test; JSSE peers check it elsewhere
                return new TlsAuthentication() {
                    @Override
                    public void notifyServerCertificate(TlsServerCertificate certificate) {
                    }

                    @Override
                    public TlsCredentials getClientCredentials(CertificateRequest request) {
                        return null;
                    }
                };
            }
        });
        return client;
    }

    private static TlsProtocol accept(String[] words, ProtocolVersion[] versions, Socket socket, int[] seen)
            throws IOException {
        BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
        AsymmetricKeyParameter key = PrivateKeyFactory.createKey(Files.readAllBytes(Path.of(str(words, "key"))));
        TlsCertificate cert = new BcTlsCertificate(crypto, Files.readAllBytes(Path.of(str(words, "cert"))));
        boolean tls13 = versions[0].equals(ProtocolVersion.TLSv13);
        TlsServerProtocol server = new TlsServerProtocol(socket.getInputStream(), socket.getOutputStream());
        server.accept(new DefaultTlsServer(crypto) {
            @Override
            public ProtocolVersion[] getProtocolVersions() {
                return versions;
            }

            @Override
            protected int[] getSupportedCipherSuites() {
                return new int[] {CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
            }

            @Override
            public void processClientExtensions(Hashtable ext) throws IOException {
                super.processClientExtensions(ext);
                record(ext, seen);
            }

            @Override
            public TlsCredentials getCredentials() {
                Certificate chain = tls13 ? new Certificate(new byte[0], new CertificateEntry[] {
                    new CertificateEntry(cert, null)}) : new Certificate(new TlsCertificate[] {cert});
                return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, key, chain,
                        SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            }
        });
        return server;
    }

    private static void record(Hashtable ext, int[] seen) throws IOException {
        if (ext != null) {
            seen[0] = TlsExtensionsUtils.getMaxFragmentLengthExtension(ext);
            seen[1] = TlsExtensionsUtils.getRecordSizeLimitExtension(ext);
        }
    }

    /** The script's rounds of KeyUpdates, warning and echoed data; returns how many rounds ran. */
    private static int exchange(String[] words, TlsProtocol protocol) throws IOException {
        int keyUpdates = num(words, "ku", 0);
        int warn = num(words, "warn", -1);
        int bytes = num(words, "bytes", 1000);
        InputStream in = protocol.getInputStream();
        OutputStream out = protocol.getOutputStream();
        Random random = new Random(42);
        int rounds = Math.max(Math.max(keyUpdates, num(words, "rounds", 1)), 1);
        for (int i = 0; i < rounds; i++) {
            if (i < keyUpdates) {
                call(protocol, "send13KeyUpdate", new Class<?>[] {boolean.class}, i % 2 == 0);
            }
            if (warn >= 0 && i == rounds - 1) {
                call(protocol, "raiseAlertWarning", new Class<?>[] {short.class, String.class}, (short) warn,
                        "scripted warning");
            }
            byte[] sent = new byte[bytes];
            random.nextBytes(sent);
            // in pieces, each echoed before the next, so that neither side's socket buffer fills up
            for (int at = 0; at < bytes; at += PIECE) {
                int n = Math.min(PIECE, bytes - at);
                out.write(sent, at, n);
                out.flush();
                byte[] echo = in.readNBytes(n);
                if (!Arrays.equals(sent, at, at + n, echo, 0, echo.length)) {
                    throw new IOException("round " + i + ": the echo of bytes " + at + ".." + (at + n) + " differs ("
                            + echo.length + " bytes came back)");
                }
            }
        }
        return rounds;
    }

    private static boolean has(String[] words, String word) {
        return Arrays.asList(words).contains(word);
    }

    private static int num(String[] words, String key, int otherwise) {
        String v = str(words, key);
        return v == null ? otherwise : Integer.parseInt(v);
    }

    private static String str(String[] words, String key) {
        for (String w : words) {
            if (w.startsWith(key + "=")) {
                return w.substring(key.length() + 1);
            }
        }
        return null;
    }
}
