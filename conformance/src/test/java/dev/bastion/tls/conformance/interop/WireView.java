package dev.bastion.tls.conformance.interop;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What one connection's plaintext hellos said on the wire, read from the bytes themselves,
 * independently of the TLS implementation at either end: the ClientHello(s) (suites, groups,
 * key shares, SNI, ALPN) and the ServerHello(s) (HelloRetryRequest or not, version, suite,
 * group; for TLS 1.2 the ECDHE curve of ServerKeyExchange). RFC 8446 §4.1.2–§4.1.4, §4.2;
 * RFC 8422 §5.4.
 *
 * <p>Fed with the raw bytes of both directions. It stops reading a direction at its first
 * protected record (TLS 1.3: content type 23; TLS 1.2: after change_cipher_spec). A
 * malformed hello ends the reading and is reported by {@link #problem()}.
 */
public final class WireView {
    /** A ClientHello as sent. */
    public record ClientHello(List<Integer> suites, List<Integer> groups, List<Integer> keyShareGroups,
            String serverName, List<String> alpn) {
    }

    /** A ServerHello (or HelloRetryRequest) as sent; {@code group} is -1 when absent. */
    public record ServerHello(boolean helloRetryRequest, int version, int suite, int group) {
        public String groupName() {
            return TlsNames.group(group);
        }

        public String suiteName() {
            return TlsNames.suite(suite);
        }
    }

    private static final byte[] HRR_RANDOM = hex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    private final List<ClientHello> clientHellos = new ArrayList<>();
    private final List<ServerHello> serverHellos = new ArrayList<>();
    private final Direction fromClient = new Direction();
    private final Direction fromServer = new Direction();
    private int tls12Curve = -1;
    private String problem;

    /** Bytes the client sent. */
    public synchronized void fromClient(byte[] b, int off, int len) {
        fromClient.feed(b, off, len);
    }

    /** Bytes the server sent. */
    public synchronized void fromServer(byte[] b, int off, int len) {
        fromServer.feed(b, off, len);
    }

    public synchronized List<ClientHello> clientHellos() {
        return List.copyOf(clientHellos);
    }

    public synchronized List<ServerHello> serverHellos() {
        return List.copyOf(serverHellos);
    }

    /** True when the server answered the first ClientHello with a HelloRetryRequest. */
    public synchronized boolean helloRetryRequest() {
        return serverHellos.stream().anyMatch(ServerHello::helloRetryRequest);
    }

    /** The last real ServerHello (not a HelloRetryRequest). */
    public synchronized Optional<ServerHello> serverHello() {
        return serverHellos.stream().filter(h -> !h.helloRetryRequest()).reduce((a, b) -> b);
    }

    /** The key exchange group: TLS 1.3 key_share of the ServerHello, TLS 1.2 ServerKeyExchange curve. */
    public synchronized Optional<String> group() {
        Optional<ServerHello> sh = serverHello();
        if (sh.isEmpty()) {
            return Optional.empty();
        }
        int g = sh.get().version() == 0x0304 ? sh.get().group() : tls12Curve;
        return g < 0 ? Optional.empty() : Optional.of(TlsNames.group(g));
    }

    /** A description of the first malformed hello seen, or null. */
    public synchronized String problem() {
        return problem;
    }

    @Override
    public synchronized String toString() {
        return "WireView[clientHellos=" + clientHellos + ", serverHellos=" + serverHellos
                + ", tls12Curve=" + tls12Curve + (problem == null ? "" : ", problem=" + problem) + "]";
    }

    private boolean tls12() {
        return serverHello().map(h -> h.version() != 0x0304).orElse(false);
    }

    /** One direction: records → handshake messages. */
    private final class Direction {
        private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        private final ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        private boolean done;

        void feed(byte[] b, int off, int len) {
            if (done) {
                return;
            }
            raw.write(b, off, len);
            byte[] all = raw.toByteArray();
            int pos = 0;
            while (!done && all.length - pos >= 5) {
                int type = all[pos] & 0xff;
                int length = ((all[pos + 3] & 0xff) << 8) | (all[pos + 4] & 0xff);
                if (all.length - pos - 5 < length) {
                    break;
                }
                record(type, all, pos + 5, length);
                pos += 5 + length;
            }
            raw.reset();
            raw.write(all, pos, all.length - pos);
        }

        private void record(int type, byte[] all, int off, int len) {
            switch (type) {
                case 22 -> {
                    handshake.write(all, off, len);
                    messages();
                }
                case 20 -> done = tls12();
                case 21 -> { } // a plaintext alert: nothing to learn here
                default -> done = true;
            }
        }

        private void messages() {
            byte[] hs = handshake.toByteArray();
            int pos = 0;
            while (!done && hs.length - pos >= 4) {
                int type = hs[pos] & 0xff;
                int len = ((hs[pos + 1] & 0xff) << 16) | ((hs[pos + 2] & 0xff) << 8) | (hs[pos + 3] & 0xff);
                if (hs.length - pos - 4 < len) {
                    break;
                }
                ByteBuffer body = ByteBuffer.wrap(hs, pos + 4, len).slice();
                try {
                    message(type, body);
                } catch (RuntimeException e) {
                    problem = "malformed handshake message type " + type + ": " + e;
                    done = true;
                }
                pos += 4 + len;
            }
            handshake.reset();
            handshake.write(hs, pos, hs.length - pos);
        }

        private void message(int type, ByteBuffer body) {
            switch (type) {
                case 1 -> clientHellos.add(parseClientHello(body));
                case 2 -> serverHellos.add(parseServerHello(body));
                case 12 -> {
                    if ((body.get(0) & 0xff) == 3) { // ECParameters: named_curve (RFC 8422 §5.4)
                        tls12Curve = body.getShort(1) & 0xffff;
                    }
                    done = true;
                }
                default -> done = type > 12; // ServerHelloDone, ClientKeyExchange...: no more hellos
            }
        }
    }

    private static ClientHello parseClientHello(ByteBuffer b) {
        b.position(2 + 32);
        skip(b, u8(b));
        List<Integer> suites = u16List(slice(b, u16(b)));
        skip(b, u8(b));
        List<Integer> groups = List.of();
        List<Integer> shares = new ArrayList<>();
        String sni = null;
        List<String> alpn = List.of();
        ByteBuffer exts = b.hasRemaining() ? slice(b, u16(b)) : ByteBuffer.allocate(0);
        while (exts.hasRemaining()) {
            int type = u16(exts);
            ByteBuffer data = slice(exts, u16(exts));
            switch (type) {
                case 0 -> {
                    ByteBuffer list = slice(data, u16(data));
                    if (u8(list) == 0) {
                        sni = new String(bytes(list, u16(list)), StandardCharsets.US_ASCII);
                    }
                }
                case 10 -> groups = u16List(slice(data, u16(data)));
                case 16 -> {
                    ByteBuffer list = slice(data, u16(data));
                    List<String> names = new ArrayList<>();
                    while (list.hasRemaining()) {
                        names.add(new String(bytes(list, u8(list)), StandardCharsets.US_ASCII));
                    }
                    alpn = List.copyOf(names);
                }
                case 51 -> {
                    ByteBuffer list = slice(data, u16(data));
                    while (list.hasRemaining()) {
                        shares.add(u16(list));
                        skip(list, u16(list));
                    }
                }
                default -> { }
            }
        }
        return new ClientHello(suites, groups, List.copyOf(shares), sni, alpn);
    }

    private static ServerHello parseServerHello(ByteBuffer b) {
        int legacyVersion = u16(b);
        byte[] random = bytes(b, 32);
        boolean hrr = Arrays.equals(random, HRR_RANDOM);
        skip(b, u8(b));
        int suite = u16(b);
        skip(b, 1);
        int version = legacyVersion;
        int group = -1;
        ByteBuffer exts = b.hasRemaining() ? slice(b, u16(b)) : ByteBuffer.allocate(0);
        while (exts.hasRemaining()) {
            int type = u16(exts);
            ByteBuffer data = slice(exts, u16(exts));
            if (type == 43) {
                version = u16(data);
            } else if (type == 51) {
                group = u16(data); // KeyShareEntry.group, or HelloRetryRequest.selected_group
            }
        }
        return new ServerHello(hrr, version, suite, group);
    }

    private static int u8(ByteBuffer b) {
        return b.get() & 0xff;
    }

    private static int u16(ByteBuffer b) {
        return b.getShort() & 0xffff;
    }

    private static void skip(ByteBuffer b, int n) {
        b.position(b.position() + n);
    }

    private static byte[] bytes(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    private static ByteBuffer slice(ByteBuffer b, int n) {
        ByteBuffer s = b.slice();
        s.limit(n);
        skip(b, n);
        return s;
    }

    private static List<Integer> u16List(ByteBuffer b) {
        List<Integer> out = new ArrayList<>();
        while (b.hasRemaining()) {
            out.add(u16(b));
        }
        return List.copyOf(out);
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
