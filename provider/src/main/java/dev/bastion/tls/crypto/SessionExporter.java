package dev.bastion.tls.crypto;

import dev.bastion.tls.session.KeyingMaterial;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLKeyException;

/**
 * The exporters a session can use, one per protocol and hash, over the bytes the session keeps
 * (as few as can be: idle connections keep them): the TLS 1.3 {@code exporter_master_secret}
 * (RFC 8446 §7.5), or the TLS 1.2 master secret followed by the connection's two randoms (RFC
 * 5705 §4). Each export runs a {@link Tls13Exporter} or {@link Tls12Exporter} over a copy and
 * wipes it. A TLS 1.2 connection without the extended master secret cannot export (RFC 7627
 * §5.4: the exporter "should not be used"; SunJSSE refuses it too).
 */
public enum SessionExporter implements KeyingMaterial {
    TLS13_SHA256(true, HashAlgorithm.SHA256),
    TLS13_SHA384(true, HashAlgorithm.SHA384),
    TLS12_SHA256(false, HashAlgorithm.SHA256),
    TLS12_SHA384(false, HashAlgorithm.SHA384),
    /** TLS 1.2 without the extended master secret: refuses. */
    WITHOUT_EMS(false, null);

    private static final byte[] NOTHING = new byte[0];

    private final boolean tls13;
    private final HashAlgorithm hash;

    SessionExporter(boolean tls13, HashAlgorithm hash) {
        this.tls13 = tls13;
        this.hash = hash;
    }

    /** The TLS 1.3 exporter for {@code hash}. */
    public static SessionExporter tls13(HashAlgorithm hash) {
        return hash == HashAlgorithm.SHA384 ? TLS13_SHA384 : TLS13_SHA256;
    }

    /** The TLS 1.2 exporter for the PRF hash of {@code master}'s suite. */
    public static SessionExporter tls12(Tls12MasterSecret master) {
        return master.suite().hash() == HashAlgorithm.SHA384 ? TLS12_SHA384 : TLS12_SHA256;
    }

    /** TLS 1.2: the master secret of {@code master} followed by the two randoms. */
    public static byte[] tls12Material(Tls12MasterSecret master, byte[] clientRandom, byte[] serverRandom) {
        byte[] secret = master.copyForSessionOrKeyLog();
        byte[] m = new byte[secret.length + clientRandom.length + serverRandom.length];
        System.arraycopy(secret, 0, m, 0, secret.length);
        System.arraycopy(clientRandom, 0, m, secret.length, clientRandom.length);
        System.arraycopy(serverRandom, 0, m, secret.length + clientRandom.length, serverRandom.length);
        Arrays.fill(secret, (byte) 0);
        return m;
    }

    /** What {@link #WITHOUT_EMS} needs: nothing. */
    public static byte[] noMaterial() {
        return NOTHING;
    }

    @Override
    public byte[] export(byte[] material, String label, byte[] context, int length) throws SSLKeyException {
        if (hash == null) {
            throw new SSLKeyException("Exporters require extended master secrets (RFC 7627 §5.4): this TLS 1.2 "
                    + "connection was made without one");
        }
        // the JSSE contract: the label becomes bytes by US-ASCII, what is not ASCII a '?'
        String ascii = new String(label.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
        if (tls13) {
            if (length > 255 * hash.length()) {
                throw new IllegalArgumentException("length is too large: at most " + 255 * hash.length()
                        + " bytes with " + hash + " (RFC 5869 §2.3)");
            }
            Tls13Exporter e = new Tls13Exporter(hash, material.clone(), "exporter_master_secret");
            try {
                return e.exportKeyingMaterial(ascii, context, length);
            } finally {
                e.destroy();
            }
        }
        int n = material.length - 64;
        Tls12Exporter e = new Tls12Exporter(hash, Arrays.copyOf(material, n), Arrays.copyOfRange(material, n, n + 32),
                Arrays.copyOfRange(material, n + 32, n + 64));
        try {
            return e.exportKeyingMaterial(ascii, context, length);
        } finally {
            e.destroy();
        }
    }

    @Override
    public SecretKey exportKey(byte[] material, String algorithm, String label, byte[] context, int length)
            throws SSLKeyException {
        byte[] bytes = export(material, label, context, length);
        try {
            return new SecretKeySpec(bytes, algorithm);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
