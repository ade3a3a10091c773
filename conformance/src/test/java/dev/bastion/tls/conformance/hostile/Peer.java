package dev.bastion.tls.conformance.hostile;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What both hostile roles share: sending records to the {@link Victim} (in the clear or under the
 * peer's current write key), and reading what the victim sent back. Protected records from the
 * victim are opened with the victim's write keys in the order the handshake makes them
 * (handshake, then application, then updated keys); a record none of them opens is counted as
 * unreadable. Alerts, handshake bytes, change_cipher_spec records and application data are
 * sorted into their own boxes.
 */
abstract class Peer {
    static final SecureRandom RANDOM = new SecureRandom();

    final Victim victim;
    Schedule schedule;
    /** The peer's write protection; null while it writes in the clear. */
    RecordCipher writer;
    private final List<Protection> victimKeys = new ArrayList<>();
    private int victimKey;
    private final List<Rec> pending = new ArrayList<>();
    private final ByteArrayOutputStream handshake = new ByteArrayOutputStream();
    private int handshakeRead;
    private final List<Alert> alerts = new ArrayList<>();
    private final ByteArrayOutputStream appData = new ByteArrayOutputStream();
    private int ccs;
    private int unreadable;
    private final StringBuilder notes = new StringBuilder();

    Peer(Victim victim) {
        this.victim = victim;
    }

    // ---- writing ----------------------------------------------------------------------------

    /** Raw bytes, exactly as given. */
    void sendRaw(byte[] wire) {
        victim.feed(wire);
        pull();
    }

    /** One record of {@code type} with {@code content}, protected when the peer has write keys. */
    void send(int type, byte[] content) {
        sendRaw(protect(type, content));
    }

    /** {@code content} as one record of {@code type}: protected under the current write key, or in the clear. */
    byte[] protect(int type, byte[] content) {
        return writer == null ? Rec.plain(type, content) : writer.seal(type, content);
    }

    /** Handshake messages, coalesced into one record, added to the transcript. */
    void sendHandshake(byte[]... messages) {
        byte[] all = Bytes.concat(messages);
        for (byte[] m : messages) {
            hashed(m);
        }
        send(Tls.HANDSHAKE, all);
    }

    /** Adds a handshake message the peer sends to its transcript (TLS 1.3: the key schedule's). */
    void hashed(byte[] message) {
        if (schedule != null) {
            schedule.add(message);
        }
    }

    /** Handshake messages cut into records of {@code size} bytes (RFC 8446 §5.1 allows any split). */
    void sendHandshakeFragmented(int size, byte[]... messages) {
        byte[] all = Bytes.concat(messages);
        for (byte[] m : messages) {
            hashed(m);
        }
        Bytes wire = new Bytes();
        for (int at = 0; at < all.length; at += size) {
            byte[] part = Arrays.copyOfRange(all, at, Math.min(all.length, at + size));
            wire.raw(protect(Tls.HANDSHAKE, part));
        }
        sendRaw(wire.toArray());
    }

    void sendAlert(int level, int code) {
        send(Tls.ALERT, Alert.bytes(level, code));
    }

    /** The middlebox-compatibility change_cipher_spec, always in the clear (RFC 8446 §5, §D.4). */
    void sendCcs() {
        sendRaw(Rec.plain(Tls.CHANGE_CIPHER_SPEC, new byte[] {1}));
    }

    void sendApplicationData(byte[] data) {
        send(Tls.APPLICATION_DATA, data);
    }

    // ---- reading ----------------------------------------------------------------------------

    /** The victim will write with {@code key} after the keys added before it. */
    void expectVictimKey(Protection key) {
        victimKeys.add(key);
    }

    /**
     * Sorts everything the victim wrote since the last call, in order. A protected record that
     * no key known yet opens stays pending (with everything after it) until the peer learns
     * the next key: a server's encrypted flight arrives before the client has read the
     * ServerHello that gives the keys.
     */
    final void pull() {
        pending.addAll(Rec.parseAll(victim.takeSent()));
        while (!pending.isEmpty()) {
            Rec r = pending.get(0);
            if (isProtected(r)) {
                Optional<Rec> opened = open(r);
                if (opened.isEmpty()) {
                    return;
                }
                sort(opened.get(), true);
            } else {
                sort(r, false);
            }
            pending.remove(0);
        }
    }

    /**
     * Whether the victim protected {@code r}: in TLS 1.3 every application_data record (RFC 8446
     * §5.2); a TLS 1.2 peer overrides this (everything after the victim's ChangeCipherSpec).
     */
    boolean isProtected(Rec r) {
        return r.type() == Tls.APPLICATION_DATA;
    }

    /** The next whole handshake message from the victim, or empty. */
    Optional<byte[]> nextMessage() {
        pull();
        byte[] all = handshake.toByteArray();
        if (all.length - handshakeRead < 4) {
            return Optional.empty();
        }
        int n = ((all[handshakeRead + 1] & 0xFF) << 16) | ((all[handshakeRead + 2] & 0xFF) << 8)
                | (all[handshakeRead + 3] & 0xFF);
        if (all.length - handshakeRead < 4 + n) {
            return Optional.empty();
        }
        byte[] m = Arrays.copyOfRange(all, handshakeRead, handshakeRead + 4 + n);
        handshakeRead += 4 + n;
        return Optional.of(m);
    }

    private static final int NEW_SESSION_TICKET = 4;

    /**
     * The next handshake message, which must be of {@code type}; else the script cannot go on.
     * NewSessionTickets on the way are passed over: a server may send them at any time after
     * its handshake (RFC 8446 §4.6.1), and a Bastion server sends two after the client's Finished.
     */
    byte[] expect(int type, String what) {
        byte[] m = nextMessage().orElseThrow(() -> new ScriptStop("the victim sent no " + what));
        while ((m[0] & 0xFF) == NEW_SESSION_TICKET && type != NEW_SESSION_TICKET) {
            m = nextMessage().orElseThrow(() -> new ScriptStop("the victim sent no " + what));
        }
        if ((m[0] & 0xFF) != type) {
            throw new ScriptStop("expected " + what + " (type " + type + ") from the victim, got type " + (m[0] & 0xFF));
        }
        return m;
    }

    int ccsReceived() {
        return ccs;
    }

    List<Alert> alerts() {
        pull();
        return alerts;
    }

    byte[] applicationDataFromVictim() {
        pull();
        return appData.toByteArray();
    }

    void note(String s) {
        if (notes.length() > 0) {
            notes.append("; ");
        }
        notes.append(s);
    }

    /** Everything observed so far. */
    Outcome outcome() {
        pull();
        return new Outcome(victim.provider, alerts, victim.failure(), victim.bug(), victim.finished(),
                victim.closed(), victim.applicationData(), unreadable + pending.size(), notes.toString());
    }

    private Optional<Rec> open(Rec r) {
        for (int i = victimKey; i < victimKeys.size(); i++) {
            Optional<Rec> opened = victimKeys.get(i).open(r);
            if (opened.isPresent()) {
                victimKey = i;
                return opened;
            }
        }
        return Optional.empty();
    }

    private void sort(Rec r, boolean protectedRecord) {
        switch (r.type()) {
            case Tls.HANDSHAKE -> handshake.writeBytes(r.fragment());
            case Tls.ALERT -> {
                if (r.fragment().length == 2) {
                    alerts.add(new Alert(r.fragment()[0] & 0xFF, r.fragment()[1] & 0xFF, protectedRecord));
                } else {
                    unreadable++;
                }
            }
            case Tls.CHANGE_CIPHER_SPEC -> ccs++;
            case Tls.APPLICATION_DATA -> appData.writeBytes(r.fragment());
            default -> unreadable++;
        }
    }
}
