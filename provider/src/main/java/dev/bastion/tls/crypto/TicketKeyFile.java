package dev.bastion.tls.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A session ticket key file, shared by the servers of a fleet so that each one opens the
 * tickets the others issued (like nginx's {@code ssl_session_ticket_key}).
 *
 * <p><b>Format.</b> One or more records of exactly 80 bytes, nothing else: a 16-byte key name
 * followed by 64 bytes of secret key material — the layout of nginx's 80-byte key files, so
 * {@code openssl rand 80 > ticket.key} makes one. The first record is the key that seals new
 * tickets; every record opens tickets. To rotate, put a new record first and keep the previous
 * ones after it for as long as their tickets should still resume (typically the session
 * timeout), then drop them. The AES-256-GCM key of a record is derived from all 64 bytes of its
 * material ({@link TicketKey#derive}). Key names must differ; the file must hold at least one
 * and at most {@link #MAX_KEYS} records.
 *
 * <p>Keep the file secret (mode 0600): whoever reads it can decrypt every ticket it protects
 * and so every resumed session's traffic.
 */
public final class TicketKeyFile {
    /** Bytes per record: name and key material. */
    public static final int RECORD_LENGTH = TicketKey.NAME_LENGTH + TicketKey.MATERIAL_LENGTH;
    /** The most records a file may hold. */
    public static final int MAX_KEYS = 64;

    private TicketKeyFile() {
    }

    /**
     * Reads and parses {@code file}.
     *
     * @throws IOException when it cannot be read
     * @throws IllegalArgumentException when it is not a key file (the message names the file and why)
     */
    public static List<TicketKey> read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * Parses the contents of a key file; {@code source} names it in messages. The caller wipes
     * {@code contents}.
     *
     * @throws IllegalArgumentException when {@code contents} is not a key file
     */
    public static List<TicketKey> parse(byte[] contents, String source) {
        if (contents.length == 0 || contents.length % RECORD_LENGTH != 0) {
            throw new IllegalArgumentException("session ticket key file " + source + " has " + contents.length
                    + " bytes; it must hold whole " + RECORD_LENGTH + "-byte records (16-byte name, 64 bytes of key"
                    + " material), e.g. made by 'openssl rand " + RECORD_LENGTH + "'");
        }
        int n = contents.length / RECORD_LENGTH;
        if (n > MAX_KEYS) {
            throw new IllegalArgumentException("session ticket key file " + source + " holds " + n + " keys; at most "
                    + MAX_KEYS + " are allowed");
        }
        List<TicketKey> keys = new ArrayList<>(n);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < n; i++) {
            int at = i * RECORD_LENGTH;
            byte[] name = Arrays.copyOfRange(contents, at, at + TicketKey.NAME_LENGTH);
            byte[] material = Arrays.copyOfRange(contents, at + TicketKey.NAME_LENGTH, at + RECORD_LENGTH);
            try {
                if (!names.add(HexFormat.of().formatHex(name))) {
                    keys.forEach(TicketKey::destroy);
                    throw new IllegalArgumentException("session ticket key file " + source + ": key " + (i + 1)
                            + " repeats the name " + HexFormat.of().formatHex(name) + " of an earlier key");
                }
                keys.add(TicketKey.derive(name, material));
            } finally {
                Arrays.fill(material, (byte) 0);
            }
        }
        return List.copyOf(keys);
    }
}
