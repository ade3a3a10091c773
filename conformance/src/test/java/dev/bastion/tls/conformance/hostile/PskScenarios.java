package dev.bastion.tls.conformance.hostile;

import static dev.bastion.tls.codec.AlertDescription.DECRYPT_ERROR;
import static dev.bastion.tls.codec.AlertDescription.ILLEGAL_PARAMETER;
import static dev.bastion.tls.codec.AlertDescription.MISSING_EXTENSION;
import static dev.bastion.tls.conformance.hostile.BaselineScenarios.PING;
import static dev.bastion.tls.conformance.hostile.Expect.completes;
import static dev.bastion.tls.conformance.hostile.Expect.handshakeAlert;

import dev.bastion.tls.crypto.AeadAlgorithm;
import dev.bastion.tls.crypto.EarlySecret;
import dev.bastion.tls.crypto.TranscriptHash;
import java.util.List;
import java.util.function.Consumer;

/**
 * TLS 1.3 PSK resumption abused with a REAL ticket (RFC 8446 §4.2.9, §4.2.10, §4.2.11,
 * §4.2.11.1, §4.2.11.2, §4.6.1, §8): a first connection completes a full handshake with the
 * server context and keeps its first NewSessionTicket; a second connection to the same context
 * offers it, honestly (the baseline) or distorted. Bastion's choices (documented on its
 * {@code PskSelection} and {@code Tickets}): a ticket that does not open, or whose age is off by
 * more than the tolerance, is passed over (full handshake); only the selected binder is checked,
 * a wrong one is decrypt_error; tickets are stateless, so one can be used again; psk_ke alone is
 * not accepted by default ({@code dev.bastion.tls.pskKe}); 0-RTT is never accepted, and the
 * early data records are skipped.
 */
final class PskScenarios {
    private PskScenarios() {
    }

    /** Against a server whose context already issued {@link ClientPeer#ticket} to an earlier connection. */
    static Scenario k(String id, String rfc, String title, Consumer<ClientPeer> body, Expect expect) {
        return Scenario.of(id, rfc, title, provider -> {
            Ticket13 t = Ticket13.take(provider);
            ClientPeer p = ClientPeer.connect(provider);
            p.ticket = t;
            return p;
        }, body, expect);
    }

    /** After the ClientHello: the rest of the handshake, noting whether the server resumed. */
    static void finish(ClientPeer p) {
        p.readServerHello();
        p.note(p.serverHello.extensions.containsKey(Tls.EXT_PRE_SHARED_KEY) ? "resumed" : "full handshake");
        p.readServerFlight();
        p.sendFinished(p.finished());
        p.sendApplicationData(PING);
    }

    static boolean resumed(Outcome o) {
        return o.notes().equals("resumed");
    }

    static boolean full(Outcome o) {
        return o.notes().equals("full handshake");
    }

    static List<Scenario> all() {
        return Scenarios.concat(binders(), offers());
    }

    /** The baseline and distorted binders (RFC 8446 §4.2.11.2). */
    private static List<Scenario> binders() {
        return List.of(
                k("K01", "RFC 8446 §2.2, §4.2.11", "the real ticket with a correct binder: resumption", p -> {
                    p.sendClientHello(p.ticket.offer(p, h -> { }));
                    finish(p);
                }, completes().and("resumed", PskScenarios::resumed).and("ping delivered", BaselineScenarios::gotPing)),
                k("K02", "RFC 8446 §4.2.11.2", "the real ticket, binder with one bit flipped", p -> {
                    Hello h = p.ticket.offer(p, x -> { });
                    byte[] bad = p.ticket.bind(h, List.of(new Ticket13.Offer(p.ticket.identity(), p.ticket.obfuscatedAge(0),
                            new byte[p.ticket.hash().length()])), 0).clone();
                    bad[bad.length / 2] ^= 0x08;
                    h.put(Ticket13.extension(List.of(new Ticket13.Offer(p.ticket.identity(), p.ticket.obfuscatedAge(0), bad))));
                    p.sendClientHello(h);
                }, handshakeAlert(DECRYPT_ERROR, "binder")),
                k("K03", "RFC 8446 §4.2.11.2", "the real ticket, binder over the ClientHello before an extension was added", p -> {
                    Hello h = p.ticket.offer(p, x -> { });
                    h.extensions.add(0, Ext.of(0x7777, new byte[] {1, 2, 3})); // unknown: otherwise ignored
                    p.sendClientHello(h);
                }, handshakeAlert(DECRYPT_ERROR, "binder")),
                k("K11", "RFC 8446 §4.2.11", "an unknown identity, then the real ticket: the second is selected", p -> {
                    Hello h = p.clientHello();
                    h.add(Exts.pskModes(1));
                    byte[] zeros = new byte[p.ticket.hash().length()];
                    p.ticket.bind(h, List.of(new Ticket13.Offer(Bytes.filled(48, 0x33), 1000, zeros),
                            new Ticket13.Offer(p.ticket.identity(), p.ticket.obfuscatedAge(0), zeros)), 1);
                    p.resumptionPsk = p.ticket.psk();
                    p.sendClientHello(h);
                    finish(p);
                    byte[] selected = p.serverHello.extensions.get(Tls.EXT_PRE_SHARED_KEY);
                    if (selected == null || selected.length != 2 || selected[1] != 1) {
                        p.note("selected_identity is not 1");
                    }
                }, completes().and("resumed with selected_identity 1", PskScenarios::resumed)),
                k("K12", "RFC 8446 §4.2.11.2", "the real ticket with its binder one byte short", p -> {
                    Hello h = p.ticket.offer(p, x -> { });
                    byte[] good = p.ticket.bind(h, List.of(new Ticket13.Offer(p.ticket.identity(), p.ticket.obfuscatedAge(0),
                            new byte[p.ticket.hash().length() - 1])), 0);
                    h.put(Ticket13.extension(List.of(new Ticket13.Offer(p.ticket.identity(), p.ticket.obfuscatedAge(0),
                            java.util.Arrays.copyOf(good, good.length - 1)))));
                    p.sendClientHello(h);
                }, handshakeAlert(DECRYPT_ERROR, "binder")));
    }

    /** Offers Bastion passes over, refuses, or accepts again (RFC 8446 §4.2.9, §4.2.10, §4.2.11, §8). */
    private static List<Scenario> offers() {
        return List.of(
                k("K04", "RFC 8446 §4.2.11.1, §8.3", "the real ticket, obfuscated_ticket_age one hour off: PSK ignored", p -> {
                    Hello h = p.ticket.offer(p, x -> { });
                    p.ticket.bind(h, List.of(new Ticket13.Offer(p.ticket.identity(), p.ticket.obfuscatedAge(3_600_000),
                            new byte[p.ticket.hash().length()])), 0);
                    p.sendClientHello(h);
                    finish(p);
                }, completes().and("full handshake", PskScenarios::full)),
                k("K05", "RFC 8446 §4.2.11", "the real ticket with one identity byte altered: PSK ignored", p -> {
                    Hello h = p.ticket.offer(p, x -> { });
                    byte[] id = p.ticket.identity().clone();
                    id[id.length / 2] ^= 0x01;
                    p.ticket.bind(h, List.of(new Ticket13.Offer(id, p.ticket.obfuscatedAge(0), new byte[p.ticket.hash().length()])), 0);
                    p.sendClientHello(h);
                    finish(p);
                }, completes().and("full handshake", PskScenarios::full)),
                replay(),
                k("K07", "RFC 8446 §4.2.11", "the real ticket, pre_shared_key not the last extension", p -> {
                    Hello h = p.ticket.offer(p, x -> { });
                    h.add(Exts.serverName("after.the.psk"));
                    p.sendClientHello(h);
                }, handshakeAlert(ILLEGAL_PARAMETER, "last")),
                k("K08", "RFC 8446 §4.2.9", "the real ticket without psk_key_exchange_modes", p -> {
                    Hello h = p.ticket.offer(p, x -> { });
                    h.remove(Tls.EXT_PSK_KEY_EXCHANGE_MODES);
                    p.ticket.bind(h, List.of(new Ticket13.Offer(p.ticket.identity(), p.ticket.obfuscatedAge(0),
                            new byte[p.ticket.hash().length()])), 0);
                    p.sendClientHello(h);
                }, handshakeAlert(MISSING_EXTENSION, "psk_key_exchange_modes")),
                k("K09", "RFC 8446 §4.2.9 (dev.bastion.tls.pskKe, default false)", "the real ticket with psk_ke only: full handshake",
                        p -> {
                            p.sendClientHello(p.ticket.offer(p, h -> h.put(Exts.pskModes(0))));
                            finish(p);
                        }, completes().and("full handshake", PskScenarios::full)),
                k("K10", "RFC 8446 §4.2.10, §2.3", "the real ticket with early_data and two 0-RTT records: rejected, skipped", p -> {
                    Hello h = p.ticket.offer(p, x -> x.add(Exts.empty(Tls.EXT_EARLY_DATA)));
                    byte[] ch = h.encode();
                    p.sendClientHello(ch);
                    AeadAlgorithm aead = p.ticket.hash().length() == 48 ? AeadAlgorithm.AES_256_GCM : AeadAlgorithm.AES_128_GCM;
                    byte[] chHash = TranscriptHash.of(p.ticket.hash()).currentWith(p.ticket.hash(), ch, 0, ch.length);
                    RecordCipher early = new RecordCipher(EarlySecret.fromPsk(p.ticket.hash(), p.ticket.psk())
                            .clientEarlyTrafficSecret(chHash).keys(aead));
                    p.sendRaw(Bytes.concat(early.seal(Tls.APPLICATION_DATA, "early1".getBytes()),
                            early.seal(Tls.APPLICATION_DATA, "early2".getBytes())));
                    finish(p);
                    if (p.encryptedExtensionsHave(Tls.EXT_EARLY_DATA)) {
                        p.note("EncryptedExtensions accepted early_data");
                    }
                }, completes().and("resumed, 0-RTT not accepted", PskScenarios::resumed)
                        .and("only the 1-RTT ping delivered", BaselineScenarios::gotPing)));
    }

    /** Whether the victim sent a NewSessionTicket after the handshake (noted). */
    private static void noteTickets(ClientPeer p) {
        for (int i = 0; i < 8; i++) {
            java.util.Optional<byte[]> m = p.nextMessage();
            if (m.isEmpty()) {
                return;
            }
            if ((m.get()[0] & 0xFF) == Tls.NEW_SESSION_TICKET) {
                p.note("NewSessionTicket");
                return;
            }
        }
    }

    /** RFC 8446 §4.2.9: tickets only for modes the client advertised (none offered: none sent). */
    static List<Scenario> ticketIssue() {
        return List.of(
                Scenario.againstServer("K13", "RFC 8446 §4.2.9", "full handshake without psk_key_exchange_modes: no NewSessionTicket",
                        p -> {
                            p.handshake();
                            p.sendApplicationData(PING);
                            noteTickets(p);
                        }, completes().and("no ticket", o -> o.notes().isEmpty())),
                Scenario.againstServer("K14", "RFC 8446 §4.2.9, §4.6.1", "full handshake with psk_dhe_ke: NewSessionTickets follow",
                        p -> {
                            p.sendClientHello(p.clientHello().add(Exts.pskModes(1)));
                            p.finishHandshake();
                            p.sendApplicationData(PING);
                            noteTickets(p);
                        }, completes().and("a ticket", o -> o.notes().equals("NewSessionTicket"))),
                pskKeAllowed(),
                k("K16", "RFC 8446 §4.2.9, §9.2", "the real ticket with psk_ke only and no key_share extension (psk_ke not allowed)",
                        p -> p.sendClientHello(p.ticket.offer(p, h -> h.put(Exts.pskModes(0)).remove(Tls.EXT_KEY_SHARE))),
                        handshakeAlert(MISSING_EXTENSION, "key_share")));
    }

    /**
     * psk_ke accepted when the server context enables it ({@code dev.bastion.tls.pskKe=true}, a
     * Bastion per-context property): resumption without (EC)DHE, no key_share in the ServerHello.
     */
    static Scenario pskKeAllowed() {
        java.util.Map<String, String> props = java.util.Map.of("dev.bastion.tls.pskKe", "true");
        return Scenario.of("K15", "RFC 8446 §4.2.9 (dev.bastion.tls.pskKe=true)", "the real ticket with psk_ke only, "
                + "to a server that allows it: resumption without key_share", provider -> {
                    Ticket13 t = Ticket13.take(ClientPeer.start(Victims.withProperties(provider, false, Victims.TLS13, props)));
                    ClientPeer p = ClientPeer.start(Victims.withProperties(provider, false, Victims.TLS13, props));
                    p.ticket = t;
                    return p;
                }, p -> {
                    p.sendClientHello(p.ticket.offer(p, h -> h.put(Exts.pskModes(0))));
                    finish(p);
                    if (p.serverHello.extensions.containsKey(Tls.EXT_KEY_SHARE)) {
                        p.note("with key_share");
                    }
                }, completes().and("resumed with psk_ke", PskScenarios::resumed));
    }

    /** The same ticket on two later connections: both resume (stateless tickets, RFC 8446 §8, §4.6.1). */
    private static Scenario replay() {
        return Scenario.of("K06", "RFC 8446 §8, §4.6.1 (stateless tickets; 0-RTT never accepted)",
                "the real ticket used twice: both connections resume", provider -> {
                    Ticket13 t = Ticket13.take(provider);
                    ClientPeer first = ClientPeer.connect(provider);
                    first.sendClientHello(t.offer(first, h -> { }));
                    finish(first);
                    ClientPeer p = ClientPeer.connect(provider);
                    p.ticket = t;
                    if (!resumed(first.outcome())) {
                        p.note("the first use did not resume");
                    }
                    return p;
                }, p -> {
                    p.sendClientHello(p.ticket.offer(p, h -> { }));
                    finish(p);
                }, completes().and("the second use resumed too", PskScenarios::resumed));
    }
}
