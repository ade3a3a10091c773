package dev.bastion.tls.conformance.fuzz;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.conformance.fuzz.EngineFixtures.Variant;
import dev.bastion.tls.conformance.interop.TestPki;
import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.HandshakeType;
import dev.bastion.tls.message.KeyExchangeKind;
import dev.bastion.tls.message.MessageDecoder;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.Extension;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.MessageKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * Writes the seed corpora of the fuzz targets (not a test; run by hand, see FUZZING.md):
 * real handshakes between the {@link EngineFixtures} clients and the Bastion server are
 * recorded, and their records, plaintext handshake messages and extension blocks become seeds
 * in the layout Jazzer reads ({@code <Class>Inputs/<method>/} next to the class). The TLS 1.3
 * messages that only travel encrypted are built here from their RFC 8446 structures.
 *
 * <p>Usage: {@code FuzzSeeds <src/test/resources directory>}.
 */
public final class FuzzSeeds {
    private final Path root;
    private int count;

    private FuzzSeeds(Path root) {
        this.root = root.resolve("dev/bastion/tls/conformance/fuzz");
    }

    public static void main(String[] args) throws Exception {
        FuzzSeeds s = new FuzzSeeds(Path.of(args[0]));
        for (Variant v : Variant.values()) {
            boolean tls12 = "TLSv1.2".equals(v.protocol);
            s.handshake(v, tls12);
        }
        s.tls13Messages();
        System.out.println(s.count + " seeds written under " + s.root);
    }

    /** One full handshake of {@code v} against the Bastion server, recorded both ways. */
    private void handshake(Variant v, boolean clientAuth) throws Exception {
        SSLEngine client = EngineFixtures.client(v);
        SSLEngine server = EngineFixtures.server(clientAuth);
        List<byte[]> fromClient = new ArrayList<>();
        List<byte[]> fromServer = new ArrayList<>();
        client.beginHandshake();
        server.beginHandshake();
        ByteBuffer c2s = ByteBuffer.allocate(1 << 17);
        ByteBuffer s2c = ByteBuffer.allocate(1 << 17);
        ByteBuffer app = ByteBuffer.allocate(1 << 17);
        for (int i = 0; i < 200 && !(done(client) && done(server)); i++) {
            step(client, s2c, c2s, app, fromClient);
            step(server, c2s, s2c, app, fromServer);
        }
        if (!done(client) || !done(server)) {
            throw new IllegalStateException(v + ": handshake did not finish");
        }
        String name = v.name().toLowerCase() + (clientAuth ? "-clientauth" : "");
        int selector = v.ordinal() | (clientAuth ? 0x80 : 0);
        byte[] clientLater = join(fromClient.subList(1, fromClient.size()));
        byte[] serverAll = join(fromServer);
        write("ServerEngineFuzzTestInputs/server", name, prefixed(selector, clientLater));
        if (v.provider.equals("Bastion")) {
            write("ClientEngineFuzzTestInputs/client", name, prefixed(v.ordinal(), serverAll));
        }
        write("RecordFuzzTestInputs/records", name + "-client", prefixed(0, join(fromClient)));
        write("RecordFuzzTestInputs/records", name + "-server", prefixed(0, serverAll));
        write("RecordFuzzTestInputs/records", name + "-server-tls13", prefixed(2, serverAll));
        write("RecordFuzzTestInputs/records", name + "-client-tls12", prefixed(4, clientLater));
        KeyExchangeKind kex = switch (v) {
            case TLS12_DHE -> KeyExchangeKind.DHE;
            case TLS12_RSA -> KeyExchangeKind.RSA;
            default -> KeyExchangeKind.ECDHE;
        };
        messages(name + "-client", join(fromClient), Side.SERVER, kex);
        messages(name + "-server", serverAll, Side.CLIENT, kex);
        sealedRecords(name, serverAll);
    }

    private static boolean done(SSLEngine e) {
        HandshakeStatus hs = e.getHandshakeStatus();
        return hs == HandshakeStatus.NOT_HANDSHAKING || hs == HandshakeStatus.FINISHED;
    }

    private static void step(SSLEngine e, ByteBuffer in, ByteBuffer out, ByteBuffer app, List<byte[]> sent)
            throws Exception {
        for (int i = 0; i < 50; i++) {
            Runnable t = e.getDelegatedTask();
            if (t != null) {
                t.run();
                continue;
            }
            HandshakeStatus hs = e.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_WRAP) {
                int before = out.position();
                e.wrap(ByteBuffer.allocate(0), out);
                byte[] b = new byte[out.position() - before];
                out.duplicate().position(before).get(b);
                if (b.length > 0) {
                    sent.add(b);
                }
            } else if (hs == HandshakeStatus.NEED_UNWRAP && in.position() > 0) {
                in.flip();
                SSLEngineResult r = e.unwrap(in, app);
                in.compact();
                app.clear();
                if (r.bytesConsumed() == 0) {
                    return;
                }
            } else {
                return;
            }
        }
    }

    /** Plaintext handshake messages of a recorded stream (records of type 22 before the first CCS). */
    private void messages(String name, byte[] stream, Side local, KeyExchangeKind kex) throws IOException {
        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.wrap(stream);
        while (b.remaining() >= 5) {
            int type = b.get() & 0xFF;
            b.getShort();
            int length = b.getShort() & 0xFFFF;
            byte[] content = new byte[length];
            b.get(content);
            if (type == 20) {
                break;
            }
            if (type == 22) {
                hs.writeBytes(content);
            }
        }
        Reader r = Reader.of(hs.toByteArray());
        int n = 0;
        while (r.remaining() >= 4) {
            int type = r.u8("type");
            byte[] body = r.opaque24(0, 0xFFFFFF, "body");
            HandshakeType t = HandshakeType.of(type).orElseThrow();
            DecodeContext ctx = t == HandshakeType.CLIENT_HELLO || t == HandshakeType.SERVER_HELLO
                    ? DecodeContext.hello(local)
                    : DecodeContext.tls12(local, t == HandshakeType.SERVER_KEY_EXCHANGE
                            || t == HandshakeType.CLIENT_KEY_EXCHANGE ? kex : KeyExchangeKind.ECDHE);
            message(name + "-" + n++ + "-" + t.rfcName(), t, ctx, body);
            HandshakeMessage m = MessageDecoder.decode(type, Reader.of(body), ctx);
            if (m instanceof ClientHello ch) {
                extensions(name, MessageKind.CLIENT_HELLO, ch.extensions());
            } else if (m instanceof ServerHello sh) {
                boolean tls13 = sh.extensions().contains(ExtensionType.SUPPORTED_VERSIONS);
                extensions(name, tls13 ? MessageKind.SERVER_HELLO : MessageKind.SERVER_HELLO_12, sh.extensions());
            }
        }
    }

    /** A message seed: the case byte, then the body. */
    private void message(String name, HandshakeType t, DecodeContext ctx, byte[] body) throws IOException {
        List<HandshakeMessageFuzzTest.Case> cases = HandshakeMessageFuzzTest.CASES;
        int index = cases.indexOf(new HandshakeMessageFuzzTest.Case(t, ctx));
        if (index < 0) {
            throw new IllegalStateException("no case for " + t + " in " + ctx);
        }
        write("HandshakeMessageFuzzTestInputs/messages", name, prefixed(index, body));
    }

    /** The whole block and each extension of a decoded message as extension seeds. */
    private void extensions(String name, MessageKind kind, Extensions exts) throws IOException {
        List<ExtensionFuzzTest.Case> cases = ExtensionFuzzTest.CASES;
        Writer block = new Writer();
        exts.encode(block);
        byte[] encoded = block.toByteArray();
        byte[] content = java.util.Arrays.copyOfRange(encoded, 2, encoded.length);
        String dir = "ExtensionFuzzTestInputs/extensions";
        write(dir, name + "-" + kind.abbreviation() + "-block",
                prefixed(cases.indexOf(new ExtensionFuzzTest.Case(kind, null)), content));
        for (Extension e : exts.list()) {
            ExtensionType.of(e.code()).ifPresent(t -> {
                Writer data = new Writer();
                e.encodeData(data);
                int index = cases.indexOf(new ExtensionFuzzTest.Case(kind, t));
                if (index >= 0) {
                    write(dir, name + "-" + kind.abbreviation() + "-" + t.rfcName(), prefixed(index, data.toByteArray()));
                }
            });
        }
    }

    /** Sealed-record seeds: the recorded handshake messages as TLS 1.3 inner plaintext and TLS 1.2 fragments. */
    private void sealedRecords(String name, byte[] serverStream) {
        byte[] first = java.util.Arrays.copyOfRange(serverStream, 5, Math.min(serverStream.length, 5 + 300));
        Writer tls13 = new Writer();
        tls13.u16(first.length + 3).bytes(first).u8(22).u16(0);      // content, type, two bytes of padding
        tls13.u16(3).u8(1).u8(0).u8(21);                             // a close_notify alert
        write("RecordFuzzTestInputs/records", name + "-sealed13", prefixed(3, tls13.toByteArray()));
        Writer tls12 = new Writer();
        tls12.u8(0).u16(first.length).bytes(first);
        tls12.u8(1).u16(2).u8(1).u8(0);
        write("RecordFuzzTestInputs/records", name + "-sealed12-gcm", prefixed(5, tls12.toByteArray()));
        write("RecordFuzzTestInputs/records", name + "-sealed12-chacha", prefixed(6, tls12.toByteArray()));
    }

    /** TLS 1.3 messages that only travel encrypted, built from their RFC 8446 §4 structures. */
    private void tls13Messages() throws Exception {
        byte[] leaf = TestPki.get().server(ServerKey.EC).leaf().getEncoded();
        Signature sig = Signature.getInstance("SHA256withECDSA");
        sig.initSign(TestPki.get().server(ServerKey.EC).key());
        sig.update(new byte[64]);
        byte[] signature = sig.sign();
        byte[] supportedGroups = new Writer().u16(10).u16(4).u16(2).u16(0x001d).toByteArray();
        byte[] sigAlgs = new Writer().u16(13).u16(4).u16(2).u16(0x0403).toByteArray();
        byte[] earlyData = new Writer().u16(42).u16(4).u32(16384).toByteArray();
        for (Side local : Side.values()) {
            DecodeContext c32 = DecodeContext.tls13(local, 32);
            String side = local == Side.CLIENT ? "to-client-" : "to-server-";
            Writer cert = new Writer();
            cert.u8(0).vec24(l -> l.vec24(d -> d.bytes(leaf)).u16(0));
            message(side + "certificate13", HandshakeType.CERTIFICATE, c32, cert.toByteArray());
            message(side + "certificate-verify13", HandshakeType.CERTIFICATE_VERIFY, c32,
                    new Writer().u16(0x0403).vec16(w -> w.bytes(signature)).toByteArray());
            message(side + "finished32", HandshakeType.FINISHED, c32, new byte[32]);
            message(side + "finished48", HandshakeType.FINISHED, DecodeContext.tls13(local, 48), new byte[48]);
            message(side + "key-update", HandshakeType.KEY_UPDATE, c32, new byte[] {1});
        }
        DecodeContext toClient = DecodeContext.tls13(Side.CLIENT, 32);
        message("encrypted-extensions", HandshakeType.ENCRYPTED_EXTENSIONS, toClient,
                new Writer().vec16(w -> w.bytes(supportedGroups)).toByteArray());
        message("certificate-request13", HandshakeType.CERTIFICATE_REQUEST, toClient,
                new Writer().u8(0).vec16(w -> w.bytes(sigAlgs)).toByteArray());
        message("new-session-ticket13", HandshakeType.NEW_SESSION_TICKET, toClient, new Writer().u32(7200)
                .u32(0x01020304).vec8(w -> w.u8(0)).vec16(w -> w.bytes(new byte[32]))
                .vec16(w -> w.bytes(earlyData)).toByteArray());
        message("end-of-early-data", HandshakeType.END_OF_EARLY_DATA, DecodeContext.tls13(Side.SERVER, 32),
                new byte[0]);
        message("new-session-ticket12", HandshakeType.NEW_SESSION_TICKET,
                DecodeContext.tls12(Side.CLIENT, KeyExchangeKind.ECDHE),
                new Writer().u32(7200).vec16(w -> w.bytes(new byte[48])).toByteArray());
        message("hello-request", HandshakeType.HELLO_REQUEST, DecodeContext.tls12(Side.CLIENT, KeyExchangeKind.ECDHE),
                new byte[0]);
        List<ExtensionFuzzTest.Case> cases = ExtensionFuzzTest.CASES;
        String dir = "ExtensionFuzzTestInputs/extensions";
        write(dir, "EE-block", prefixed(cases.indexOf(new ExtensionFuzzTest.Case(MessageKind.ENCRYPTED_EXTENSIONS,
                null)), supportedGroups));
        write(dir, "CR-block", prefixed(cases.indexOf(new ExtensionFuzzTest.Case(MessageKind.CERTIFICATE_REQUEST,
                null)), sigAlgs));
        write(dir, "NST-block", prefixed(cases.indexOf(new ExtensionFuzzTest.Case(MessageKind.NEW_SESSION_TICKET,
                null)), earlyData));
    }

    private static byte[] prefixed(int selector, byte[] rest) {
        byte[] out = new byte[rest.length + 1];
        out[0] = (byte) selector;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static byte[] join(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private void write(String dir, String name, byte[] bytes) {
        try {
            Path d = root.resolve(dir);
            Files.createDirectories(d);
            Files.write(d.resolve("seed-" + name), bytes);
            count++;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
