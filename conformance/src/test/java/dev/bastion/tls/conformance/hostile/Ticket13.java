package dev.bastion.tls.conformance.hostile;

import dev.bastion.tls.crypto.EarlySecret;
import dev.bastion.tls.crypto.HashAlgorithm;
import dev.bastion.tls.crypto.PskBinderKey;
import dev.bastion.tls.crypto.TranscriptHash;
import java.util.Arrays;
import java.util.List;

/**
 * A real TLS 1.3 ticket, taken from a victim server after a full handshake (RFC 8446 §4.6.1),
 * and the pre_shared_key offers made from it (§4.2.11): identity, obfuscated_ticket_age
 * ({@code age + ticket_age_add mod 2^32}, §4.2.11.1) and the binder over the truncated
 * ClientHello (§4.2.11.2), computed with Bastion's key schedule like the rest of the peer.
 */
record Ticket13(HashAlgorithm hash, byte[] identity, long ageAdd, byte[] psk, long receivedAt) {

    /** A full handshake on the victim context of {@code provider}; its first NewSessionTicket. */
    static Ticket13 take(String provider) {
        return take(ClientPeer.connect(provider));
    }

    /** A full handshake of {@code p} (just started); the victim's first NewSessionTicket. */
    static Ticket13 take(ClientPeer p) {
        p.sendClientHello(p.clientHello().add(Exts.pskModes(1))); // RFC 8446 §4.2.9: tickets follow the modes offered
        p.finishHandshake();
        byte[] nst = p.expect(Tls.NEW_SESSION_TICKET, "NewSessionTicket");
        if (p.victim.failure() != null) {
            throw new ScriptStop("the first connection failed: " + p.victim.failure());
        }
        In m = new In(nst);
        m.u8();
        In body = m.vec24();
        body.u16();
        body.u16(); // ticket_lifetime
        long ageAdd = ((long) body.u16() << 16) | body.u16();
        byte[] nonce = body.vec8().rest();
        byte[] ticket = body.vec16().rest();
        return new Ticket13(p.schedule.hash, ticket, ageAdd, p.schedule.resumptionPsk(nonce), System.currentTimeMillis());
    }

    /** The obfuscated_ticket_age for now (§4.2.11.1), plus {@code skewMillis}. */
    long obfuscatedAge(long skewMillis) {
        return (System.currentTimeMillis() - receivedAt + skewMillis + ageAdd) & 0xFFFFFFFFL;
    }

    /** One PskIdentity and its binder. */
    record Offer(byte[] identity, long obfuscatedAge, byte[] binder) {
    }

    /** pre_shared_key with these identities and binders, in order (§4.2.11). */
    static Ext extension(List<Offer> offers) {
        return new Ext(Tls.EXT_PRE_SHARED_KEY, b -> {
            b.vec16("identities", v -> offers.forEach(o -> v.vec16("identity", o.identity())
                    .u16((int) (o.obfuscatedAge() >>> 16)).u16((int) o.obfuscatedAge())));
            b.vec16("binders", v -> offers.forEach(o -> v.vec8("binder", o.binder())));
        });
    }

    /**
     * Adds pre_shared_key (last) with {@code offers} to {@code h}, each binder filled in: offer
     * {@code bound} gets this ticket's binder over the truncated ClientHello, the others keep
     * theirs. Returns the binder computed.
     */
    byte[] bind(Hello h, List<Offer> offers, int bound) {
        h.put(extension(offers));
        byte[] encoded = h.encode();
        int bindersLength = 2 + offers.stream().mapToInt(o -> 1 + o.binder().length).sum();
        byte[] truncated = Arrays.copyOf(encoded, encoded.length - bindersLength);
        byte[] th = TranscriptHash.of(hash).currentWith(hash, truncated, 0, truncated.length);
        PskBinderKey key = EarlySecret.fromPsk(hash, psk).resumptionBinderKey();
        byte[] binder = key.binder(th);
        Offer o = offers.get(bound);
        List<Offer> filled = new java.util.ArrayList<>(offers);
        filled.set(bound, new Offer(o.identity(), o.obfuscatedAge(), binder));
        h.put(extension(filled));
        return binder;
    }

    /** The honest single offer of this ticket with a correct binder, pre_shared_key last. */
    Hello offer(ClientPeer p, java.util.function.Consumer<Hello> edit) {
        Hello h = p.clientHello();
        h.add(Exts.pskModes(1));
        edit.accept(h);
        bind(h, List.of(new Offer(identity, obfuscatedAge(0), new byte[hash.length()])), 0);
        p.resumptionPsk = psk;
        return h;
    }
}
