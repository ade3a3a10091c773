package dev.bastion.tls.handshake.tls13.client;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.KeyShare;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.SessionStates;
import dev.bastion.tls.handshake.Negotiator;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.ext.Codes;
import dev.bastion.tls.message.ext.Cookie;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.KeyShareClientHello;
import dev.bastion.tls.message.ext.KeyShareHelloRetryRequest;
import dev.bastion.tls.message.ext.SupportedGroups;
import java.util.List;
import java.util.Optional;

/**
 * The client's answer to a HelloRetryRequest (RFC 8446 §4.1.4): the same ClientHello with one
 * key share for the selected group and the cookie echoed, preceded by the compatibility CCS in
 * compatibility mode (§D.4). ClientHello1 becomes message_hash in the transcript (§4.4.1). An
 * offered PSK stays, with a fresh obfuscated_ticket_age and a binder over the new transcript,
 * when its hash is the selected suite's; otherwise it is dropped.
 */
final class HelloRetry {
    private HelloRetry() {
    }

    static ClientState answer(Offer offer, ServerHello hrr, HandshakeIo io) {
        CipherSuite suite = ServerHelloChecks.accept(offer, hrr);
        Optional<KeyShareHelloRetryRequest> keyShare = hrr.extensions().keyShareHelloRetryRequest();
        Optional<Cookie> cookie = hrr.extensions().cookie();
        if (keyShare.isEmpty() && cookie.isEmpty()) {
            throw TlsAlert.illegalParameter("HelloRetryRequest asks for neither a key share nor a cookie,"
                    + " so the ClientHello would not change (RFC 8446 §4.1.4)");
        }
        List<KeyShare> shares = offer.shares();
        Extensions ext = offer.hello().extensions();
        if (keyShare.isPresent()) {
            NamedGroup group = selectedGroup(offer, keyShare.get().selectedGroup());
            offer.closeShares();
            shares = List.of(group.generate(io.random()));
            ext = ext.replace(new KeyShareClientHello(Tls13Client.entries(shares)));
        }
        if (cookie.isPresent() && !offer.config().disables(ExtensionType.COOKIE)) { // jdk.tls.client.disableExtensions
            ext = ext.contains(ExtensionType.COOKIE) ? ext.replace(cookie.get()) : ext.plus(cookie.get());
        }
        ext = ext.without(ExtensionType.EARLY_DATA); // RFC 8446 §4.1.2 (this client never offers it anyway)
        Optional<PskOffer> psk = offer.psk();
        if (psk.isPresent() && psk.get().hash() != suite.hash()) {
            // RFC 8446 §4.1.4: a PSK whose hash the selected suite does not have is removed
            psk.get().wipe();
            psk = Optional.empty();
            ext = ext.without(ExtensionType.PRE_SHARED_KEY);
        } else if (psk.isPresent()) {
            ext = ext.replace(psk.get().extension(SessionStates.now(io))); // a fresh obfuscated_ticket_age
        }
        io.transcript().selectHashReplacingClientHello1(suite.hash(), offer.hello().encoding().length);
        ClientHello first = offer.hello();
        ClientHello second = new ClientHello(first.legacyVersion(), first.random(), first.legacySessionId(),
                first.cipherSuites(), first.legacyCompressionMethods(), ext);
        if (psk.isPresent()) {
            second = psk.get().bind(second, io.transcript()); // binder over message_hash, HelloRetryRequest, ClientHello2
        }
        boolean ccsSent = offer.ccsSent();
        if (offer.config().middleboxCompatibility() && !ccsSent) {
            io.sendCompatibilityCcs(); // RFC 8446 §D.4: before the second ClientHello
            ccsSent = true;
        }
        io.send(second);
        return new AwaitServerHello(offer.retried(second, shares, ccsSent, psk), Optional.of(suite));
    }

    /** RFC 8446 §4.2.8: the group must be in supported_groups and have had no key share. */
    private static NamedGroup selectedGroup(Offer offer, int code) {
        List<Integer> supported = offer.hello().extensions().supportedGroups().map(SupportedGroups::groups)
                .orElse(List.of());
        if (!supported.contains(code)) {
            throw TlsAlert.illegalParameter("HelloRetryRequest selected group " + Codes.group(code)
                    + ", which is not in the client's supported_groups " + Negotiator.groupList(supported)
                    + " (RFC 8446 §4.2.8)");
        }
        if (offer.shares().stream().anyMatch(s -> s.group().code() == code)) {
            throw TlsAlert.illegalParameter("HelloRetryRequest selected group " + Codes.group(code)
                    + ", for which the client already sent a key share (RFC 8446 §4.2.8)");
        }
        return NamedGroup.fromCode(code).orElseThrow(() -> TlsAlert.illegalParameter(
                "HelloRetryRequest selected group " + Codes.group(code) + ", which this client does not implement"));
    }
}
