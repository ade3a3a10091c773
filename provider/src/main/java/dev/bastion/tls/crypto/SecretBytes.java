package dev.bastion.tls.crypto;

import java.util.Arrays;

/**
 * One secret byte string owned by a key-schedule object. It is wiped by {@link #destroy()};
 * reading it afterwards is a programming error in Bastion (never something a peer can
 * cause), so it throws {@link IllegalStateException}.
 */
final class SecretBytes {
    private final byte[] bytes;
    private final String name;
    private boolean destroyed;

    /** Takes ownership of {@code bytes}: the caller must not keep or change the array. */
    SecretBytes(byte[] bytes, String name) {
        this.bytes = bytes;
        this.name = name;
    }

    /** The secret itself (not a copy): callers must not change or keep it. */
    byte[] get() {
        if (destroyed) {
            throw new IllegalStateException(name + " was used after it was destroyed");
        }
        return bytes;
    }

    int length() {
        return bytes.length;
    }

    void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return name + (destroyed ? " (destroyed)" : " (hidden)");
    }
}
