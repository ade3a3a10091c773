package dev.bastion.tls.message;

import dev.bastion.tls.message.ext.Extension;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.MessageKind;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.SignatureAlgorithms;
import dev.bastion.tls.message.ext.StatusRequest;
import dev.bastion.tls.message.ext.UnknownExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** Random valid handshake messages, each with the context its receiver decodes it with. */
final class MessageGen {
    private final Random rnd;
    private final ExtensionGen ext;
    private final List<Supplier<Sample>> kinds = List.of(
            this::clientHello, this::serverHello, this::helloRetryRequest, this::serverHello12,
            this::encryptedExtensions, this::certificate, this::certificate12, this::certificateRequest,
            this::certificateRequest12, this::certificateVerify, this::finished, this::newSessionTicket,
            this::newSessionTicket12, this::certificateStatus, this::keyUpdate, this::emptyOnes, this::serverKeyExchange,
            this::clientKeyExchange);

    MessageGen(long seed) {
        this.rnd = new Random(seed);
        this.ext = new ExtensionGen(rnd);
    }

    /** Any kind of message, uniformly by kind. */
    Sample any() {
        return kinds.get(rnd.nextInt(kinds.size())).get();
    }

    /** How many kinds {@link #any()} picks from. */
    int kindCount() {
        return kinds.size();
    }

    Sample kind(int i) {
        return kinds.get(i).get();
    }

    Sample clientHello() {
        Extensions e = rnd.nextInt(8) == 0 ? Extensions.ABSENT : ext.extensions(MessageKind.CLIENT_HELLO);
        List<Integer> compression = rnd.nextBoolean() ? List.of(0) : ext.codes8(1, 4);
        ClientHello m = new ClientHello(ext.code16(), ext.bytes(32, 32), ext.bytes(0, 32), ext.codes16(1, 20),
                compression, e);
        return new Sample(m, DecodeContext.hello(Side.SERVER));
    }

    Sample serverHello() {
        Opaque random = ext.bytes(32, 32);
        ServerHello m = new ServerHello(0x0303, random, ext.bytes(0, 32), ext.code16(), 0,
                ext.extensions(MessageKind.SERVER_HELLO));
        return new Sample(m, DecodeContext.hello(Side.CLIENT));
    }

    Sample helloRetryRequest() {
        ServerHello m = new ServerHello(0x0303, ServerHello.HELLO_RETRY_REQUEST_RANDOM, ext.bytes(0, 32),
                ext.code16(), 0, ext.extensions(MessageKind.HELLO_RETRY_REQUEST));
        return new Sample(m, DecodeContext.tls13(Side.CLIENT, 32));
    }

    Sample serverHello12() {
        Extensions e = rnd.nextInt(4) == 0 ? Extensions.ABSENT : ext.extensions(MessageKind.SERVER_HELLO_12);
        ServerHello m = new ServerHello(0x0303, ext.bytes(32, 32), ext.bytes(0, 32), ext.code16(),
                rnd.nextInt(256), e);
        return new Sample(m, DecodeContext.hello(Side.CLIENT));
    }

    Sample encryptedExtensions() {
        return new Sample(new EncryptedExtensions(ext.extensions(MessageKind.ENCRYPTED_EXTENSIONS)),
                DecodeContext.tls13(Side.CLIENT, 32));
    }

    Sample certificate() {
        List<CertificateEntry> entries = new ArrayList<>();
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            List<Extension> list = new ArrayList<>();
            if (rnd.nextBoolean()) {
                list.add(new StatusRequest(ext.bytes(0, 30)));
            }
            if (rnd.nextBoolean()) {
                list.add(new UnknownExtension(ExtensionType.SIGNED_CERTIFICATE_TIMESTAMP.code(), ext.bytes(0, 30)));
            }
            entries.add(new CertificateEntry(ext.bytes(1, 300), Extensions.of(list)));
        }
        Side receiver = rnd.nextBoolean() ? Side.CLIENT : Side.SERVER;
        return new Sample(new Certificate(ext.bytes(0, 8), entries), DecodeContext.tls13(receiver, 32));
    }

    Sample certificate12() {
        return new Sample(new Certificate12(ext.names(0, 3)), DecodeContext.tls12(Side.CLIENT, KeyExchangeKind.ECDHE));
    }

    Sample certificateRequest() {
        Extensions e = ext.extensions(MessageKind.CERTIFICATE_REQUEST);
        if (!e.contains(ExtensionType.SIGNATURE_ALGORITHMS)) {
            e = e.plus(new SignatureAlgorithms(ext.codes16(1, 6)));
        }
        return new Sample(new CertificateRequest(ext.bytes(0, 10), e), DecodeContext.tls13(Side.CLIENT, 48));
    }

    Sample certificateRequest12() {
        CertificateRequest12 m = new CertificateRequest12(ext.codes8(1, 3), ext.codes16(1, 8), ext.names(0, 3));
        return new Sample(m, DecodeContext.tls12(Side.CLIENT, KeyExchangeKind.RSA));
    }

    Sample certificateVerify() {
        boolean tls13 = rnd.nextBoolean();
        DecodeContext c = tls13 ? DecodeContext.tls13(Side.CLIENT, 32) : DecodeContext.tls12(Side.SERVER, KeyExchangeKind.DHE);
        return new Sample(new CertificateVerify(ext.code16(), ext.bytes(0, 300)), c);
    }

    Sample finished() {
        if (rnd.nextBoolean()) {
            return new Sample(new Finished(ext.bytes(12, 12)), DecodeContext.tls12(Side.SERVER, KeyExchangeKind.ECDHE));
        }
        int len = rnd.nextBoolean() ? 32 : 48;
        return new Sample(new Finished(ext.bytes(len, len)), DecodeContext.tls13(Side.CLIENT, len));
    }

    Sample newSessionTicket() {
        NewSessionTicket m = new NewSessionTicket(ext.u32(), ext.u32(), ext.bytes(0, 255), ext.bytes(1, 300),
                ext.extensions(MessageKind.NEW_SESSION_TICKET));
        return new Sample(m, DecodeContext.tls13(Side.CLIENT, 32));
    }

    Sample newSessionTicket12() {
        return new Sample(new NewSessionTicket12(ext.u32(), ext.bytes(0, 300)),
                DecodeContext.tls12(Side.CLIENT, KeyExchangeKind.ECDHE));
    }

    Sample certificateStatus() {
        return new Sample(new CertificateStatus(ext.bytes(1, 600)), DecodeContext.tls12(Side.CLIENT, KeyExchangeKind.ECDHE));
    }

    Sample keyUpdate() {
        Side receiver = rnd.nextBoolean() ? Side.CLIENT : Side.SERVER;
        return new Sample(new KeyUpdate(rnd.nextBoolean()), DecodeContext.tls13(receiver, 32));
    }

    Sample emptyOnes() {
        return switch (rnd.nextInt(3)) {
            case 0 -> new Sample(new EndOfEarlyData(), DecodeContext.tls13(Side.SERVER, 32));
            case 1 -> new Sample(new ServerHelloDone(), DecodeContext.tls12(Side.CLIENT, KeyExchangeKind.RSA));
            default -> new Sample(new HelloRequest(), DecodeContext.tls12(Side.CLIENT, KeyExchangeKind.ECDHE));
        };
    }

    Sample serverKeyExchange() {
        boolean ecdhe = rnd.nextBoolean();
        ServerKeyExchangeParams p = ecdhe ? new EcdheParams(ext.code16(), ext.bytes(1, 133))
                : new DheParams(ext.bytes(1, 300), ext.bytes(1, 2), ext.bytes(1, 300));
        KeyExchangeKind kx = ecdhe ? KeyExchangeKind.ECDHE : KeyExchangeKind.DHE;
        return new Sample(new ServerKeyExchange(p, ext.code16(), ext.bytes(0, 300)), DecodeContext.tls12(Side.CLIENT, kx));
    }

    Sample clientKeyExchange() {
        KeyExchangeKind kx = List.of(KeyExchangeKind.ECDHE, KeyExchangeKind.DHE, KeyExchangeKind.RSA).get(rnd.nextInt(3));
        Opaque keys = switch (kx) {
            case ECDHE -> ext.bytes(1, 133);
            case DHE -> ext.bytes(1, 300);
            default -> ext.bytes(0, 300);
        };
        return new Sample(new ClientKeyExchange(kx, keys), DecodeContext.tls12(Side.SERVER, kx));
    }
}
