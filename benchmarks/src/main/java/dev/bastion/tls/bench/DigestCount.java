package dev.bastion.tls.bench;

import java.security.DigestException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.MessageDigestSpi;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Provider;
import java.security.Security;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * Counts the SHA-256 and SHA-384 compression-function calls each provider makes per resumed
 * handshake pair ({@link HandshakeCpuTime}'s resumption modes), by putting first in the
 * provider list a {@code MessageDigest} that wraps the JDK's and tallies the 64- or 128-byte
 * blocks it hashes (padding included; a copy of a digest carries its partial block). Both
 * providers reach the digests through JCA, SunJSSE through SunJCE's {@code Mac}s, so the counts
 * compare the work, not its speed. Not a timing harness.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.bastion.tls.bench.DigestCount [modes] [providers]}
 */
public final class DigestCount {
    private static final AtomicLong SHA256 = new AtomicLong();
    private static final AtomicLong SHA384 = new AtomicLong();
    private static volatile boolean counting;

    private DigestCount() {
    }

    public static void main(String[] args) throws Exception {
        String[] modes = args.length > 0 ? args[0].split(",") : new String[] {"TLS12_SESSION_ID", "TLS12_TICKET", "TLS13_PSK"};
        String[] providers = args.length > 1 ? args[1].split(",") : new String[] {"SunJSSE", "Bastion"};
        // first, before any provider makes the digests it keeps
        Provider counter = new Provider("DigestCount", "1", "counts SHA-2 compressions") {
            private static final long serialVersionUID = 1L;
        };
        counter.put("MessageDigest.SHA-256", Sha256.class.getName());
        counter.put("MessageDigest.SHA-384", Sha384.class.getName());
        Security.insertProviderAt(counter, 1);
        Bastion.install();
        KeyStore ec = TestCredentials.selfSigned("EC");
        int pairs = 200;
        for (String mode : modes) {
            String protocol = mode.startsWith("TLS13") ? "TLSv1.3" : "TLSv1.2";
            boolean tickets = !mode.equals("TLS12_SESSION_ID");
            for (String provider : providers) {
                SSLContext client = Contexts.withTickets(provider, ec, tickets);
                SSLContext server = Contexts.withTickets(provider, ec, tickets);
                String suite = "";
                for (int i = 0; i < 50; i++) {
                    EnginePair.reusingBuffers(client, server, protocol, "localhost").handshake();
                }
                SHA256.set(0);
                SHA384.set(0);
                counting = true;
                for (int i = 0; i < pairs; i++) {
                    EnginePair pair = EnginePair.reusingBuffers(client, server, protocol, "localhost").handshake();
                    suite = pair.client.getSession().getCipherSuite();
                }
                counting = false;
                System.out.printf("%-17s %-8s %-40s SHA-256 %6.1f  SHA-384 %6.1f compressions per resumed pair%n",
                        mode, provider, suite, SHA256.get() / (double) pairs, SHA384.get() / (double) pairs);
            }
        }
    }

    /** A JDK digest that counts its blocks into {@code tally}. */
    private abstract static class Counting extends MessageDigestSpi implements Cloneable {
        private final int block;
        private final AtomicLong tally;
        private MessageDigest inner;
        private long partial; // bytes of the current block

        Counting(String algorithm, int block, AtomicLong tally) {
            this.block = block;
            this.tally = tally;
            try {
                this.inner = MessageDigest.getInstance(algorithm, "SUN");
            } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
                throw new IllegalStateException(e);
            }
        }

        private void absorbed(long n) {
            long blocks = (partial + n) / block;
            partial = (partial + n) % block;
            if (counting) {
                tally.addAndGet(blocks);
            }
        }

        private void finished() {
            // 0x80 and the length field (8 or 16 bytes) may need one more block
            long extra = partial + 1 + block / 8 > block ? 2 : 1;
            partial = 0;
            if (counting) {
                tally.addAndGet(extra);
            }
        }

        @Override
        protected void engineUpdate(byte input) {
            inner.update(input);
            absorbed(1);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            inner.update(input, offset, len);
            absorbed(len);
        }

        @Override
        protected byte[] engineDigest() {
            finished();
            return inner.digest();
        }

        @Override
        protected int engineDigest(byte[] buf, int offset, int len) throws DigestException {
            finished();
            return inner.digest(buf, offset, len);
        }

        @Override
        protected void engineReset() {
            inner.reset();
            partial = 0;
        }

        @Override
        protected int engineGetDigestLength() {
            return inner.getDigestLength();
        }

        @Override
        public Object clone() throws CloneNotSupportedException {
            Counting copy = (Counting) super.clone();
            copy.inner = (MessageDigest) inner.clone();
            return copy;
        }
    }

    public static final class Sha256 extends Counting {
        public Sha256() {
            super("SHA-256", 64, SHA256);
        }
    }

    public static final class Sha384 extends Counting {
        public Sha384() {
            super("SHA-384", 128, SHA384);
        }
    }
}
