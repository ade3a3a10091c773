package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ticket sealing (AES-256-GCM under a named key), in-memory rotation with a grace period, and
 * the shared key file (format, several keys, reload, bad files).
 */
class TicketKeysTest {
    private static final long HOUR = 3_600_000L;
    private static final byte[] STATE = "a session state to protect".getBytes(StandardCharsets.US_ASCII);

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void sealedTicketOpensAndCarriesTheKeyName() {
        TicketKeys keys = TicketKeys.rotating(HOUR, random, now::get);
        byte[] ticket = keys.seal(STATE);
        assertEquals(STATE.length + TicketKey.OVERHEAD, ticket.length);
        assertArrayEquals(keys.names().get(0), Arrays.copyOf(ticket, 16), "key_name leads the ticket (RFC 5077 §4)");
        assertArrayEquals(STATE, keys.open(ticket).orElseThrow());
        assertFalse(Arrays.equals(keys.seal(STATE), ticket), "a fresh nonce for every ticket");
    }

    @Test
    void everyTamperedByteAndEveryTruncationIsRefused() {
        TicketKeys keys = TicketKeys.rotating(HOUR, random, now::get);
        byte[] ticket = keys.seal(STATE);
        for (int i = 0; i < ticket.length; i++) {
            byte[] t = ticket.clone();
            t[i] ^= 0x01;
            assertEquals(Optional.empty(), keys.open(t), "bit flipped in byte " + i);
        }
        for (int n = 0; n < ticket.length; n++) {
            assertEquals(Optional.empty(), keys.open(Arrays.copyOf(ticket, n)), "truncated to " + n + " bytes");
        }
        assertEquals(Optional.empty(), keys.open(new byte[0]));
    }

    @Test
    void anotherServersKeysDoNotOpen() {
        byte[] ticket = TicketKeys.rotating(HOUR, random, now::get).seal(STATE);
        assertEquals(Optional.empty(), TicketKeys.rotating(HOUR, random, now::get).open(ticket));
    }

    @Test
    void rotatedKeyOpensForOnePeriodMoreThenNoLonger() {
        TicketKeys keys = TicketKeys.rotating(HOUR, random, now::get);
        byte[] first = keys.names().get(0);
        byte[] old = keys.seal(STATE);
        now.addAndGet(HOUR);
        byte[] fresh = keys.seal(STATE);
        assertFalse(Arrays.equals(first, keys.names().get(0)), "a new key seals after one period");
        assertEquals(2, keys.names().size());
        assertArrayEquals(STATE, keys.open(old).orElseThrow(), "the previous key still opens during its grace period");
        now.addAndGet(HOUR);
        assertEquals(Optional.empty(), keys.open(old), "a rotated-out key no longer opens");
        assertArrayEquals(STATE, keys.open(fresh).orElseThrow());
        now.addAndGet(HOUR);
        assertEquals(Optional.empty(), keys.open(fresh));
    }

    @Test
    void twoServersSharingAKeyFileOpenEachOthersTickets() throws IOException {
        Path file = keyFile(2);
        TicketKeys a = TicketKeys.fromFile(file, 1000, random, now::get);
        TicketKeys b = TicketKeys.fromFile(file, 1000, random, now::get);
        assertArrayEquals(STATE, b.open(a.seal(STATE)).orElseThrow());
        assertArrayEquals(STATE, a.open(b.seal(STATE)).orElseThrow());
        assertEquals(2, a.names().size());
        assertArrayEquals(Arrays.copyOf(Files.readAllBytes(file), 16), a.names().get(0), "the first record seals");
    }

    @Test
    void ticketSealedByTheSecondRecordOpensToo() throws IOException {
        byte[] both = random(2 * TicketKeyFile.RECORD_LENGTH);
        Path second = Files.write(dir.resolve("second.key"), Arrays.copyOfRange(both, 80, 160));
        Path file = Files.write(dir.resolve("both.key"), both);
        byte[] ticket = TicketKeys.fromFile(second, 0, random, now::get).seal(STATE);
        assertArrayEquals(STATE, TicketKeys.fromFile(file, 0, random, now::get).open(ticket).orElseThrow());
    }

    @Test
    void fileIsReloadedWhenItChangesAndNotBeforeTheCheckInterval() throws IOException {
        byte[] oldRecord = random(TicketKeyFile.RECORD_LENGTH);
        Path file = Files.write(dir.resolve("t.key"), oldRecord);
        TicketKeys keys = TicketKeys.fromFile(file, 1000, random, now::get);
        byte[] old = keys.seal(STATE);
        byte[] newRecord = random(TicketKeyFile.RECORD_LENGTH);
        Files.write(file, concat(newRecord, oldRecord)); // rotate: new key first, old one kept
        assertArrayEquals(Arrays.copyOf(oldRecord, 16), keys.names().get(0), "not looked at again within the interval");
        now.addAndGet(1000);
        assertArrayEquals(Arrays.copyOf(newRecord, 16), keys.names().get(0), "the new first record seals");
        assertArrayEquals(STATE, keys.open(old).orElseThrow(), "the old record still opens");
        Files.write(file, newRecord); // the old key is rotated out of the file
        now.addAndGet(1000);
        assertEquals(Optional.empty(), keys.open(old), "a key removed from the file no longer opens");
    }

    @Test
    void unusableFileLeavesTheKeysAsTheyWere() throws IOException {
        Path file = keyFile(1);
        TicketKeys keys = TicketKeys.fromFile(file, 0, random, now::get);
        byte[] ticket = keys.seal(STATE);
        Files.write(file, new byte[79]);
        assertArrayEquals(STATE, keys.open(ticket).orElseThrow(), "a broken file does not remove the keys");
        Files.delete(file);
        assertArrayEquals(STATE, keys.open(ticket).orElseThrow(), "nor does a missing one");
    }

    @Test
    void badFilesAreRefusedWithTheReason() throws IOException {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> TicketKeys.fromFile(Files.write(dir.resolve("short.key"), new byte[48]), 0, random, now::get));
        assertTrue(size.getMessage().contains("48 bytes") && size.getMessage().contains("80-byte records"),
                size.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TicketKeyFile.parse(new byte[0], "empty"));
        byte[] record = random(80);
        IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class,
                () -> TicketKeyFile.parse(concat(record, record), "twice.key"));
        assertTrue(repeated.getMessage().contains("repeats the name " + HexFormat.of().formatHex(record, 0, 16)),
                repeated.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TicketKeyFile.parse(new byte[65 * 80], "many"));
        assertThrows(IOException.class, () -> TicketKeys.fromFile(dir.resolve("missing.key"), 0, random, now::get));
    }

    @Test
    void keyDerivationUsesTheWholeRecord() {
        byte[] name = random(16);
        byte[] material = random(64);
        byte[] ticket = TicketKey.derive(name, material).seal(STATE, random);
        byte[] changed = material.clone();
        changed[63] ^= 1;
        assertEquals(Optional.empty(), TicketKey.derive(name, changed).open(ticket),
                "the last byte of the material takes part in the key");
        assertArrayEquals(STATE, TicketKey.derive(name, material.clone()).open(ticket).orElseThrow());
    }

    private Path keyFile(int records) throws IOException {
        return Files.write(dir.resolve("ticket-" + records + ".key"), random(records * TicketKeyFile.RECORD_LENGTH));
    }

    private byte[] random(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
