package dev.bastion.tls.message;

import dev.bastion.tls.message.ext.Alpn;
import dev.bastion.tls.message.ext.CertificateAuthorities;
import dev.bastion.tls.message.ext.Cookie;
import dev.bastion.tls.message.ext.EarlyData;
import dev.bastion.tls.message.ext.EcPointFormats;
import dev.bastion.tls.message.ext.EncryptThenMac;
import dev.bastion.tls.message.ext.ExtendedMasterSecret;
import dev.bastion.tls.message.ext.Extension;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.KeyShareClientHello;
import dev.bastion.tls.message.ext.KeyShareEntry;
import dev.bastion.tls.message.ext.KeyShareHelloRetryRequest;
import dev.bastion.tls.message.ext.KeyShareServerHello;
import dev.bastion.tls.message.ext.MaxEarlyDataSize;
import dev.bastion.tls.message.ext.MaxFragmentLength;
import dev.bastion.tls.message.ext.MessageKind;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.Padding;
import dev.bastion.tls.message.ext.PostHandshakeAuth;
import dev.bastion.tls.message.ext.PreSharedKeyClientHello;
import dev.bastion.tls.message.ext.PreSharedKeyServerHello;
import dev.bastion.tls.message.ext.PskIdentity;
import dev.bastion.tls.message.ext.PskKeyExchangeModes;
import dev.bastion.tls.message.ext.RecordSizeLimit;
import dev.bastion.tls.message.ext.RenegotiationInfo;
import dev.bastion.tls.message.ext.ServerName;
import dev.bastion.tls.message.ext.ServerNameEntry;
import dev.bastion.tls.message.ext.SessionTicket;
import dev.bastion.tls.message.ext.SignatureAlgorithms;
import dev.bastion.tls.message.ext.SignatureAlgorithmsCert;
import dev.bastion.tls.message.ext.StatusRequest;
import dev.bastion.tls.message.ext.SupportedGroups;
import dev.bastion.tls.message.ext.SupportedVersionsClientHello;
import dev.bastion.tls.message.ext.SupportedVersionsServerHello;
import dev.bastion.tls.message.ext.UnknownExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Random valid extensions and extension blocks, from a seeded {@link Random}. */
final class ExtensionGen {
    private final Random rnd;

    ExtensionGen(Random rnd) {
        this.rnd = rnd;
    }

    Opaque bytes(int min, int max) {
        byte[] b = new byte[min + rnd.nextInt(max - min + 1)];
        rnd.nextBytes(b);
        return Opaque.of(b);
    }

    /** A u16 code: mostly small, sometimes GREASE, sometimes anything. */
    int code16() {
        int pick = rnd.nextInt(4);
        if (pick == 0) {
            int g = rnd.nextInt(16);
            return (g << 12) | 0x0a00 | (g << 4) | 0x0a;
        }
        return pick == 1 ? rnd.nextInt(0x10000) : rnd.nextInt(0x20);
    }

    List<Integer> codes16(int min, int max) {
        int n = min + rnd.nextInt(max - min + 1);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(code16());
        }
        return out;
    }

    List<Integer> codes8(int min, int max) {
        int n = min + rnd.nextInt(max - min + 1);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(rnd.nextInt(256));
        }
        return out;
    }

    long u32() {
        return rnd.nextLong() & 0xFFFFFFFFL;
    }

    /** A block with a random selection of what {@code kind} allows, in random order, plus unknown codes. */
    Extensions extensions(MessageKind kind) {
        List<Extension> out = new ArrayList<>();
        for (ExtensionType t : ExtensionType.values()) {
            boolean must = t == ExtensionType.SUPPORTED_VERSIONS
                    && (kind == MessageKind.SERVER_HELLO || kind == MessageKind.HELLO_RETRY_REQUEST);
            if (t.isAllowedIn(kind) && (must || rnd.nextInt(3) == 0) && t != ExtensionType.PRE_SHARED_KEY) {
                out.add(extension(t, kind));
            }
        }
        int unknown = rnd.nextInt(3);
        for (int i = 0; i < unknown; i++) {
            int code = rnd.nextInt(0x10000);
            if (ExtensionType.of(code).isEmpty() && out.stream().noneMatch(e -> e.code() == code)) {
                out.add(new UnknownExtension(code, bytes(0, 12)));
            }
        }
        Collections.shuffle(out, rnd);
        if (ExtensionType.PRE_SHARED_KEY.isAllowedIn(kind) && rnd.nextInt(3) == 0) {
            out.add(extension(ExtensionType.PRE_SHARED_KEY, kind)); // last, as the ClientHello requires
        }
        return Extensions.of(out);
    }

    Extension extension(ExtensionType t, MessageKind kind) {
        boolean ch = kind == MessageKind.CLIENT_HELLO;
        return switch (t) {
            case SERVER_NAME -> ch ? serverName() : ServerName.ACKNOWLEDGEMENT;
            case MAX_FRAGMENT_LENGTH -> new MaxFragmentLength(1 + rnd.nextInt(4));
            case STATUS_REQUEST -> new StatusRequest(bytes(0, 20));
            case SUPPORTED_GROUPS -> new SupportedGroups(codes16(1, 10));
            case EC_POINT_FORMATS -> new EcPointFormats(codes8(1, 3));
            case SIGNATURE_ALGORITHMS -> new SignatureAlgorithms(codes16(1, 10));
            case SIGNATURE_ALGORITHMS_CERT -> new SignatureAlgorithmsCert(codes16(1, 10));
            case APPLICATION_LAYER_PROTOCOL_NEGOTIATION -> alpn(ch ? 1 + rnd.nextInt(3) : 1);
            case PADDING -> Padding.zeros(rnd.nextInt(50));
            case ENCRYPT_THEN_MAC -> new EncryptThenMac();
            case EXTENDED_MASTER_SECRET -> new ExtendedMasterSecret();
            case POST_HANDSHAKE_AUTH -> new PostHandshakeAuth();
            case RECORD_SIZE_LIMIT -> new RecordSizeLimit(64 + rnd.nextInt(0x10000 - 64));
            case SESSION_TICKET -> new SessionTicket(bytes(0, 40));
            case PRE_SHARED_KEY -> ch ? offeredPsks() : new PreSharedKeyServerHello(rnd.nextInt(0x10000));
            case EARLY_DATA -> kind == MessageKind.NEW_SESSION_TICKET ? new MaxEarlyDataSize(u32()) : new EarlyData();
            case SUPPORTED_VERSIONS -> ch ? new SupportedVersionsClientHello(codes16(1, 5))
                    : new SupportedVersionsServerHello(code16());
            case COOKIE -> new Cookie(bytes(1, 40));
            case PSK_KEY_EXCHANGE_MODES -> new PskKeyExchangeModes(codes8(1, 2));
            case CERTIFICATE_AUTHORITIES -> new CertificateAuthorities(names(1, 3));
            case KEY_SHARE -> ch ? clientShares()
                    : kind == MessageKind.HELLO_RETRY_REQUEST ? new KeyShareHelloRetryRequest(code16())
                    : new KeyShareServerHello(new KeyShareEntry(code16(), bytes(1, 40)));
            case RENEGOTIATION_INFO -> new RenegotiationInfo(bytes(0, 24));
            case USE_SRTP, HEARTBEAT, SIGNED_CERTIFICATE_TIMESTAMP, COMPRESS_CERTIFICATE, OID_FILTERS ->
                    new UnknownExtension(t.code(), bytes(0, 16));
        };
    }

    List<Opaque> names(int min, int max) {
        int n = min + rnd.nextInt(max - min + 1);
        List<Opaque> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(bytes(1, 20));
        }
        return out;
    }

    private ServerName serverName() {
        List<ServerNameEntry> names = new ArrayList<>();
        names.add(ServerNameEntry.hostName("host" + rnd.nextInt(1000) + ".example"));
        if (rnd.nextInt(4) == 0) {
            names.add(new ServerNameEntry(1 + rnd.nextInt(255), bytes(0, 10)));
        }
        return new ServerName(names);
    }

    private Alpn alpn(int n) {
        List<Opaque> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(bytes(1, 12));
        }
        return new Alpn(names);
    }

    private KeyShareClientHello clientShares() {
        List<KeyShareEntry> shares = new ArrayList<>();
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            int group = code16();
            if (shares.stream().noneMatch(s -> s.group() == group)) {
                shares.add(new KeyShareEntry(group, bytes(1, 70)));
            }
        }
        return new KeyShareClientHello(shares);
    }

    private PreSharedKeyClientHello offeredPsks() {
        int n = 1 + rnd.nextInt(3);
        List<PskIdentity> ids = new ArrayList<>();
        List<Opaque> binders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(new PskIdentity(bytes(1, 60), u32()));
            binders.add(bytes(32, 48));
        }
        return new PreSharedKeyClientHello(ids, binders);
    }
}
