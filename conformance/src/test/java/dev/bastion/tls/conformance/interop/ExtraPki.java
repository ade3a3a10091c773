package dev.bastion.tls.conformance.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Credentials {@link TestPki} does not make, made once per JVM with the {@code openssl} command
 * line (so they are what OpenSSL and GnuTLS users deploy): RSA-PSS keys (rsa_pss_pss_* schemes),
 * Ed448, ECDSA P-521, RSA-4096 and RSA-1024 leaves, each issued by a root CA of its own key type;
 * a chain of RSA-4096 certificates (root, five intermediates, leaf: a Certificate message of
 * about 8 KB); an ECDSA chain with three intermediates, also written out of order and with
 * unrelated certificates mixed in; a leaf whose only SAN is {@code IP:127.0.0.1}; a leaf under an
 * expired intermediate; and a client certificate from a CA nobody here trusts. Every server leaf
 * names {@code localhost} and {@code 127.0.0.1}.
 */
final class ExtraPki {
    /** Credential names, the files {@code <name>.key}, {@code <name>.crt}, {@code <name>.chain.pem}, {@code <name>.p12}. */
    static final String PSS = "pss", ED448 = "ed448", P521 = "p521", RSA4096 = "rsa4096", RSA1024 = "rsa1024",
            BIG_CHAIN = "bigchain", MID = "mid", IP_ONLY = "iponly", EXPIRED_INTERMEDIATE = "expleaf",
            FOREIGN_CLIENT = "foreign";

    private static final String SCRIPT = """
            set -e
            cd "$1"
            genkey() { n=$1; shift; openssl genpkey "$@" -out $n.key 2>/dev/null; }
            mkca() { n=$1; shift; genkey $n "$@"; openssl req -new -x509 -key $n.key -out $n.crt -days 30 -subj "/CN=Extra CA $n" \\
              -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null; }
            sign() { n=$1; iss=$2; ext=$3; openssl x509 -req -in $n.csr -CA $iss.crt -CAkey $iss.key -CAcreateserial -days 30 \\
              -extfile $ext -out $n.crt 2>/dev/null; }
            mkint() { n=$1; iss=$2; shift 2; genkey $n "$@"; openssl req -new -key $n.key -subj "/CN=Extra Int $n" -out $n.csr 2>/dev/null
              printf "basicConstraints=critical,CA:TRUE\\nkeyUsage=critical,keyCertSign,cRLSign\\n" > $n.ext; sign $n $iss $n.ext; }
            mkleaf() { n=$1; iss=$2; san=$3; shift 3; genkey $n "$@"; openssl req -new -key $n.key -subj "/CN=$n" -out $n.csr 2>/dev/null
              printf "basicConstraints=critical,CA:FALSE\\nkeyUsage=critical,digitalSignature,keyEncipherment\\nextendedKeyUsage=serverAuth,clientAuth\\n" > $n.ext
              [ -n "$san" ] && echo "subjectAltName=$san" >> $n.ext; sign $n $iss $n.ext; }
            p12() { n=$1; shift; cat $n.crt "$@" > $n.chain.pem
              openssl pkcs12 -export -inkey $n.key -in $n.chain.pem -out $n.p12 -passout pass:bastion -name key 2>/dev/null; }
            S="DNS:localhost,IP:127.0.0.1"
            mkca ca-rsa -algorithm RSA -pkeyopt rsa_keygen_bits:2048
            mkca ca-pss -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048
            mkca ca-ed448 -algorithm ED448
            mkca ca-p521 -algorithm EC -pkeyopt ec_paramgen_curve:P-521
            mkca ca-ec -algorithm EC -pkeyopt ec_paramgen_curve:P-256
            mkca ca-foreign -algorithm EC -pkeyopt ec_paramgen_curve:P-256
            mkleaf pss ca-pss $S -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048; p12 pss
            mkleaf ed448 ca-ed448 $S -algorithm ED448; p12 ed448
            mkleaf p521 ca-p521 $S -algorithm EC -pkeyopt ec_paramgen_curve:P-521; p12 p521
            mkleaf rsa4096 ca-rsa $S -algorithm RSA -pkeyopt rsa_keygen_bits:4096; p12 rsa4096
            mkleaf rsa1024 ca-rsa $S -algorithm RSA -pkeyopt rsa_keygen_bits:1024; p12 rsa1024
            mkleaf iponly ca-ec "IP:127.0.0.1" -algorithm EC -pkeyopt ec_paramgen_curve:P-256; p12 iponly
            mkleaf foreign ca-foreign "" -algorithm EC -pkeyopt ec_paramgen_curve:P-256; p12 foreign
            prev=ca-rsa; chain=""
            for i in 1 2 3 4 5; do mkint rint$i $prev -algorithm RSA -pkeyopt rsa_keygen_bits:4096; chain="rint$i.crt $chain"; prev=rint$i; done
            mkleaf bigchain $prev $S -algorithm RSA -pkeyopt rsa_keygen_bits:4096; p12 bigchain $chain
            prev=ca-ec; chain=""
            for i in 1 2 3; do mkint eint$i $prev -algorithm EC -pkeyopt ec_paramgen_curve:P-256; chain="eint$i.crt $chain"; prev=eint$i; done
            mkleaf mid $prev $S -algorithm EC -pkeyopt ec_paramgen_curve:P-256; p12 mid $chain
            cat mid.crt eint1.crt eint2.crt eint3.crt > mid.unordered.pem
            cat mid.crt ca-foreign.crt eint3.crt rsa4096.crt eint2.crt eint1.crt > mid.extra.pem
            # an intermediate valid January 2020 only
            genkey expint -algorithm EC -pkeyopt ec_paramgen_curve:P-256
            openssl req -new -key expint.key -subj "/CN=Extra Expired Int" -out expint.csr 2>/dev/null
            mkdir -p cadb; : > cadb/index.txt; echo 1000 > cadb/serial
            printf '[ca]\\ndefault_ca=d\\n[d]\\ndir=./cadb\\ndatabase=$dir/index.txt\\nnew_certs_dir=$dir\\nserial=$dir/serial\\ndefault_md=sha256\\npolicy=p\\nunique_subject=no\\n[p]\\ncommonName=supplied\\n[v3int]\\nbasicConstraints=critical,CA:TRUE\\nkeyUsage=critical,keyCertSign,cRLSign\\n' > ca.cnf
            openssl ca -batch -config ca.cnf -cert ca-ec.crt -keyfile ca-ec.key -in expint.csr -out expint.crt \\
              -startdate 20200101000000Z -enddate 20200201000000Z -extensions v3int -notext 2>/dev/null
            mkleaf expleaf expint $S -algorithm EC -pkeyopt ec_paramgen_curve:P-256; p12 expleaf expint.crt
            cat ca-rsa.crt ca-pss.crt ca-ed448.crt ca-p521.crt ca-ec.crt > trusted-cas.pem
            touch done
            """;

    private static ExtraPki instance;

    private final Path dir;

    private ExtraPki(Path dir) {
        this.dir = dir;
    }

    /** The credentials of this JVM (made on first use; takes a few seconds: the RSA-4096 keys). */
    static synchronized ExtraPki get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory(Interop.workDir(), "extra-pki-");
                Path script = dir.resolve("make.sh");
                Files.writeString(script, SCRIPT);
                Path log = Interop.logFile("extra-pki-");
                Process p = new ProcessBuilder("timeout", "170", "bash", script.toString(), dir.toString())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(175, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(dir.resolve("done"))) {
                    Interop.kill(p);
                    throw new IllegalStateException("openssl could not make the extra credentials:\n" + Interop.read(log));
                }
                instance = new ExtraPki(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    Path dir() {
        return dir;
    }

    Path key(String name) {
        return dir.resolve(name + ".key");
    }

    Path cert(String name) {
        return dir.resolve(name + ".crt");
    }

    /** Leaf and intermediates (no root), leaf first. */
    Path chain(String name) {
        return dir.resolve(name + ".chain.pem");
    }

    /** Any other file written by the script ({@code mid.unordered.pem}, {@code mid.extra.pem}). */
    Path file(String name) {
        return dir.resolve(name);
    }

    /** The roots of every credential here except {@link #FOREIGN_CLIENT}'s, PEM. */
    Path trustedCas() {
        return dir.resolve("trusted-cas.pem");
    }

    /** PKIX key managers holding the named credentials. */
    KeyManager[] keyManagers(String... names) {
        try {
            KeyStore all = KeyStore.getInstance("PKCS12");
            all.load(null, null);
            for (String name : names) {
                KeyStore one = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
                    one.load(in, TestPki.PASSWORD.toCharArray());
                }
                all.setKeyEntry(name, one.getKey("key", TestPki.PASSWORD.toCharArray()), TestPki.PASSWORD.toCharArray(),
                        one.getCertificateChain("key"));
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(all, TestPki.PASSWORD.toCharArray());
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKIX trust managers trusting {@link #trustedCas()}. */
    TrustManager[] trustManagers() {
        try (InputStream in = Files.newInputStream(trustedCas())) {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ts.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ts);
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names of the server kinds every provider must accept as a client. */
    static List<String> serverKinds() {
        return List.of(PSS, ED448, P521, RSA4096, BIG_CHAIN, MID);
    }
}
