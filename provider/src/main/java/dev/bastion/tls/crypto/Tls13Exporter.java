package dev.bastion.tls.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The TLS 1.3 exporter (RFC 8446 §7.5) over {@code exporter_master_secret} or
 * {@code early_exporter_master_secret}:
 * {@code TLS-Exporter(label, context_value, key_length) = HKDF-Expand-Label(
 * Derive-Secret(Secret, label, ""), "exporter", Hash(context_value), key_length)}.
 */
public final class Tls13Exporter implements Exporter {
    private final Hkdf hkdf;
    private final SecretBytes secret;

    /** Takes ownership of {@code secret}; has its own HKDF (exporters are used from any thread). */
    Tls13Exporter(HashAlgorithm hash, byte[] secret, String name) {
        this.hkdf = new Hkdf(hash);
        this.secret = new SecretBytes(secret, name);
    }

    @Override
    public synchronized byte[] exportKeyingMaterial(String label, byte[] context, int length) {
        byte[] contextHash = digest(context == null ? new byte[0] : context);
        byte[] base = hkdf.expandLabel(secret.get(), asciiLabel(label), hkdf.emptyHash(), hkdf.hash().length());
        try {
            return hkdf.expandLabel(base, "exporter", contextHash, length);
        } finally {
            Arrays.fill(base, (byte) 0);
        }
    }

    /**
     * A copy of the exporter secret, for the NSS key log and for the session that exports with it
     * after the handshake ({@link SessionExporter}); the caller wipes or keeps it.
     */
    public synchronized byte[] copySecret() {
        return secret.get().clone();
    }

    @Override
    public synchronized void destroy() {
        secret.destroy();
    }

    @Override
    public synchronized boolean isDestroyed() {
        return secret.isDestroyed();
    }

    @Override
    public String toString() {
        return "Tls13Exporter(" + hkdf.hash() + ", " + secret + ")";
    }

    private static String asciiLabel(String label) {
        Prf12.ascii(label);
        return label;
    }

    private byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(hkdf.hash().jcaName()).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no " + hkdf.hash().jcaName(), e);
        }
    }
}
