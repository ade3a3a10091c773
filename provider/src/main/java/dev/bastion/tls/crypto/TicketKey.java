package dev.bastion.tls.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.security.auth.Destroyable;

/**
 * One session ticket protection key: a 16-byte public key name and a 32-byte AES-256-GCM key.
 * A ticket it seals is {@code key_name(16) || nonce(12) || ciphertext || tag(16)}, the AEAD's
 * additional data being the key name (the layout RFC 5077 §4 recommends, with an AEAD in place of
 * AES-CBC + HMAC). Nonces are random: a key seals far fewer than the 2^32 messages NIST SP
 * 800-38D §8.3 allows with random nonces before {@link TicketKeys} retires it.
 *
 * <p>Thread-safe: every call uses its own {@link Cipher}.
 */
public final class TicketKey implements Destroyable {
    /** Length of a key name. */
    public static final int NAME_LENGTH = 16;
    /** Length of the AES-256-GCM key. */
    public static final int KEY_LENGTH = 32;
    /** Length of the key material of one key-file record after the name (see {@link #derive}). */
    public static final int MATERIAL_LENGTH = 64;
    /** Bytes a sealed ticket adds to its contents: name, nonce and tag. */
    public static final int OVERHEAD = NAME_LENGTH + AeadAlgorithm.NONCE_LENGTH + AeadAlgorithm.TAG_LENGTH;

    private static final byte[] LABEL = "bastion session ticket aes-256-gcm".getBytes(StandardCharsets.US_ASCII);
    private static final int TAG_BITS = AeadAlgorithm.TAG_LENGTH * 8;

    private final byte[] name;
    private final byte[] key;
    private final RawKey jcaKey;
    private volatile boolean destroyed;
    /**
     * Where a cipher keyed with this key last went back into the pool (see
     * {@link CipherPool#acquire(int, Object)}). Written by every thread that seals or opens; an
     * int is never torn and the pool checks the cipher's owner, so a stale value only costs a key schedule.
     */
    private int slot = -1;

    private TicketKey(byte[] name, byte[] key) {
        if (name.length != NAME_LENGTH || key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("a ticket key has a " + NAME_LENGTH + "-byte name and a " + KEY_LENGTH
                    + "-byte key, got " + name.length + " and " + key.length);
        }
        this.name = name.clone();
        this.key = key.clone();
        this.jcaKey = new RawKey(this.key, "AES");
    }

    /** A fresh random key (random name, random key). */
    public static TicketKey generate(SecureRandom random) {
        byte[] n = new byte[NAME_LENGTH];
        byte[] k = new byte[KEY_LENGTH];
        random.nextBytes(n);
        random.nextBytes(k);
        try {
            return new TicketKey(n, k);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    /**
     * The key of one key-file record: {@code name} and 64 bytes of secret {@code material}
     * (nginx's 80-byte {@code ssl_session_ticket_key} layout). The AES-256-GCM key is
     * {@code HKDF-Expand(HKDF-Extract(name, material), "bastion session ticket aes-256-gcm", 32)}
     * with SHA-256 (RFC 5869), so all 64 bytes count.
     */
    public static TicketKey derive(byte[] name, byte[] material) {
        if (material.length != MATERIAL_LENGTH) {
            throw new IllegalArgumentException("ticket key material must be " + MATERIAL_LENGTH + " bytes, got "
                    + material.length);
        }
        Hkdf hkdf = new Hkdf(HashAlgorithm.SHA256);
        byte[] prk = hkdf.extract(name, material);
        byte[] k = hkdf.expand(prk, LABEL, KEY_LENGTH);
        try {
            return new TicketKey(name, k);
        } finally {
            Arrays.fill(prk, (byte) 0);
            Arrays.fill(k, (byte) 0);
            hkdf.release();
        }
    }

    /** The public key name (a copy). */
    public byte[] name() {
        return name.clone();
    }

    /** Whether {@code ticket} starts with this key's name (compared in constant time). */
    boolean names(byte[] ticket) {
        return ticket.length >= NAME_LENGTH
                && MessageDigest.isEqual(name, Arrays.copyOf(ticket, NAME_LENGTH));
    }

    /** Seals {@code contents} with a random nonce from {@code random}. */
    public byte[] seal(byte[] contents, SecureRandom random) {
        byte[] out = new byte[OVERHEAD + contents.length];
        System.arraycopy(name, 0, out, 0, NAME_LENGTH);
        byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, NAME_LENGTH, nonce.length);
        CipherPool.Lease lease = CipherPool.AES_GCM.acquire(slot, this);
        try {
            Cipher c = lease.cipher;
            c.init(Cipher.ENCRYPT_MODE, requireLive(), new GCMParameterSpec(TAG_BITS, nonce));
            keyed(lease, nonce, 0, true);
            c.updateAAD(name);
            c.doFinal(contents, 0, contents.length, out, NAME_LENGTH + nonce.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM ticket sealing failed: " + e.getMessage(), e);
        } finally {
            slot = CipherPool.AES_GCM.release(lease);
        }
    }

    /**
     * Opens a ticket this key sealed: empty when the name is another key's, the ticket is too
     * short, or authentication fails (a tampered or forged ticket).
     */
    public Optional<byte[]> open(byte[] ticket) {
        if (ticket.length < OVERHEAD || !names(ticket)) {
            return Optional.empty();
        }
        CipherPool.Lease lease = CipherPool.AES_GCM.acquire(slot, this);
        try {
            Cipher c = lease.cipher;
            c.init(Cipher.DECRYPT_MODE, requireLive(), new GCMParameterSpec(TAG_BITS, ticket, NAME_LENGTH,
                    AeadAlgorithm.NONCE_LENGTH));
            keyed(lease, ticket, NAME_LENGTH, false);
            c.updateAAD(ticket, 0, NAME_LENGTH);
            int at = NAME_LENGTH + AeadAlgorithm.NONCE_LENGTH;
            return Optional.of(c.doFinal(ticket, at, ticket.length - at));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM ticket opening failed: " + e.getMessage(), e);
        } finally {
            slot = CipherPool.AES_GCM.release(lease);
        }
    }

    /** Wipes the key; sealing or opening afterwards is a programming error. */
    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(key, (byte) 0);
        // idle pooled ciphers whose key schedule still holds this key are re-keyed with zeros
        CipherPool.AES_GCM.wipe(this, new RawKey(key, "AES"));
    }

    /**
     * Records on the pooled cipher what it is keyed with now, as {@link JcaAead} does: the
     * bookkeeping behind its same-key-and-nonce detour and behind {@link #destroy}'s wipe.
     */
    private void keyed(CipherPool.Lease lease, byte[] nonce, int offset, boolean encrypt) {
        lease.owner = this;
        System.arraycopy(nonce, offset, lease.lastNonce, 0, AeadAlgorithm.NONCE_LENGTH);
        if (encrypt) {
            lease.encryptOwner = this;
            System.arraycopy(nonce, offset, lease.lastEncryptNonce, 0, AeadAlgorithm.NONCE_LENGTH);
        }
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** The name in hex; never the key. */
    @Override
    public String toString() {
        return "TicketKey(" + HexFormat.of().formatHex(name) + (destroyed ? ", destroyed)" : ")");
    }

    private RawKey requireLive() {
        if (destroyed) {
            throw new IllegalStateException(this + " was used after it was destroyed");
        }
        return jcaKey;
    }
}
