package dev.bastion.tls.crypto;

import dev.bastion.tls.diag.Trace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The keys a server seals and opens its session tickets with (RFC 5077 §4, RFC 8446 §4.6.1):
 * the first key of the ring seals, every key still in it opens. Two sources:
 *
 * <ul>
 * <li><b>In memory, rotating</b> ({@link #rotating}): a random key seals for one rotation
 *     period, then a new one takes over and the old one only opens, for one more period; after
 *     that it is dropped and its tickets no longer resume. Each server has its own keys.</li>
 * <li><b>A key file</b> ({@link #fromFile}, format in {@link TicketKeyFile}): shared by several
 *     servers, which then open each other's tickets. The file is read again when it changes
 *     (looked at no more than once per check interval); a file that becomes unreadable or
 *     invalid leaves the keys as they were, with a warning.</li>
 * </ul>
 *
 * <p>Thread-safe: sealing and opening read an immutable ring; rotation and reload replace it
 * under the object's lock.
 */
public final class TicketKeys {
    private static final Trace TRACE = Trace.get("session");

    /** One key and until when (epoch ms) it seals and opens. */
    private record Entry(TicketKey key, long sealsUntil, long opensUntil) {
    }

    private final LongSupplier clock;
    private final SecureRandom random;
    private final long rotation;
    private final Path file;
    private final long checkInterval;
    private volatile List<Entry> ring;
    private long nextCheck;
    private byte[] fileDigest;

    private TicketKeys(LongSupplier clock, SecureRandom random, long rotation, Path file, long checkInterval) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.rotation = rotation;
        this.file = file;
        this.checkInterval = checkInterval;
    }

    /**
     * Random keys made in memory; each seals for {@code rotationMillis}, then opens for as long
     * again.
     *
     * @param clock epoch milliseconds
     */
    public static TicketKeys rotating(long rotationMillis, SecureRandom random, LongSupplier clock) {
        if (rotationMillis <= 0) {
            throw new IllegalArgumentException("ticket key rotation period must be positive: " + rotationMillis);
        }
        TicketKeys k = new TicketKeys(clock, random, rotationMillis, null, 0);
        long now = clock.getAsLong();
        k.ring = List.of(new Entry(TicketKey.generate(random), now + rotationMillis, now + 2 * rotationMillis));
        return k;
    }

    /**
     * The keys of a key file, read now and again when it changes, looked at no more than once
     * per {@code checkIntervalMillis} (0: at every use).
     *
     * @throws IOException when the file cannot be read now
     * @throws IllegalArgumentException when it is not a key file
     */
    public static TicketKeys fromFile(Path file, long checkIntervalMillis, SecureRandom random, LongSupplier clock)
            throws IOException {
        TicketKeys k = new TicketKeys(clock, random, 0, Objects.requireNonNull(file, "file"),
                Math.max(0, checkIntervalMillis));
        byte[] contents = Files.readAllBytes(file);
        try {
            k.install(contents);
        } finally {
            Arrays.fill(contents, (byte) 0);
        }
        k.nextCheck = clock.getAsLong() + k.checkInterval;
        return k;
    }

    /** Seals {@code contents} into a ticket with the current key (see {@link TicketKey#seal}). */
    public byte[] seal(byte[] contents) {
        return current().get(0).key().seal(contents, random);
    }

    /**
     * Opens a ticket sealed by any key still in the ring; empty when no key has its name, the
     * key is retired, or it does not authenticate.
     */
    public Optional<byte[]> open(byte[] ticket) {
        long now = clock.getAsLong();
        for (Entry e : current()) {
            if (e.opensUntil() > now && e.key().names(ticket)) {
                return e.key().open(ticket);
            }
        }
        return Optional.empty();
    }

    /** The names of the keys that open tickets now, the sealing key first (tests, trace). */
    public List<byte[]> names() {
        return current().stream().map(e -> e.key().name()).toList();
    }

    /** Where the keys come from, for messages. */
    public String describe() {
        return file != null ? "key file " + file : "in-memory keys rotating every " + rotation / 1000 + " s";
    }

    @Override
    public String toString() {
        return "TicketKeys(" + describe() + ")";
    }

    private List<Entry> current() {
        long now = clock.getAsLong();
        if (file == null ? now >= ring.get(0).sealsUntil() : now >= nextCheck) {
            synchronized (this) {
                if (file == null) {
                    rotate(now);
                } else if (now >= nextCheck) {
                    nextCheck = now + checkInterval;
                    reload();
                }
            }
        }
        return ring;
    }

    /** A new sealing key when the current one's period is over; keys past their opening time are dropped. */
    private void rotate(long now) {
        List<Entry> next = new ArrayList<>();
        if (now >= ring.get(0).sealsUntil()) {
            next.add(new Entry(TicketKey.generate(random), now + rotation, now + 2 * rotation));
            TRACE.debug(() -> "session ticket key rotated: " + next.get(0).key());
        }
        for (Entry e : ring) {
            if (e.opensUntil() > now) {
                next.add(e);
            }
        }
        if (!next.isEmpty() && next.get(0).sealsUntil() > now) {
            ring = List.copyOf(next);
        }
    }

    private void reload() {
        byte[] contents = null;
        try {
            contents = Files.readAllBytes(file);
            if (!MessageDigest.isEqual(digest(contents), fileDigest)) {
                install(contents);
                TRACE.info(() -> "session ticket keys reloaded from " + file + ": " + ring.size() + " key(s)");
            }
        } catch (IOException | IllegalArgumentException e) {
            TRACE.warning(() -> "keeping the previous session ticket keys: cannot use " + file + ": " + e);
        } finally {
            if (contents != null) {
                Arrays.fill(contents, (byte) 0);
            }
        }
    }

    private void install(byte[] contents) {
        List<TicketKey> keys = TicketKeyFile.parse(contents, file.toString());
        List<Entry> next = new ArrayList<>(keys.size());
        for (TicketKey k : keys) {
            next.add(new Entry(k, Long.MAX_VALUE, Long.MAX_VALUE));
        }
        ring = List.copyOf(next);
        fileDigest = digest(contents);
    }

    private static byte[] digest(byte[] contents) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(contents);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
