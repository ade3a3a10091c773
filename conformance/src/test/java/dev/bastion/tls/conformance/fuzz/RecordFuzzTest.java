package dev.bastion.tls.conformance.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.Aead;
import dev.bastion.tls.crypto.AeadAlgorithm;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.record.AlertMessage;
import dev.bastion.tls.record.ContentType;
import dev.bastion.tls.record.EmptyRecordGuard;
import dev.bastion.tls.record.HandshakeAssembler;
import dev.bastion.tls.record.NullProtection;
import dev.bastion.tls.record.Protection;
import dev.bastion.tls.record.RecordReader;
import dev.bastion.tls.record.Tls12AeadProtection;
import dev.bastion.tls.record.Tls13Protection;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Fuzz target: the record layer's inbound half ({@link RecordReader} framing and opening,
 * {@link HandshakeAssembler} reassembly, alert and empty-record handling) fed arbitrary bytes.
 *
 * <p>The first input byte picks the read state; the rest is the byte stream. In the "sealed"
 * modes the rest is instead a list of chunks that the harness protects with the reader's own
 * keys before the reader sees them, so the fuzzer reaches what lies behind the AEAD (the TLS 1.3
 * inner plaintext's padding and content type, §5.4 of RFC 8446; the TLS 1.2 fragment checks).
 * Contract: only {@link TlsAlert} may come out.
 */
class RecordFuzzTest {
    private static final int MODES = 7;
    private static final byte[] KEY16 = fill(16, 0x11);
    private static final byte[] KEY32 = fill(32, 0x22);
    private static final byte[] IV12 = fill(12, 0x33);
    private static final byte[] SALT4 = fill(4, 0x44);

    @FuzzTest(maxDuration = "6s")
    void records(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int mode = (input[0] & 0xFF) % MODES;
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        try (RecordReader reader = new RecordReader()) {
            byte[] stream = switch (mode) {
                case 0 -> rest;                                   // initial plaintext state
                case 1 -> { reader.setProtection(NullProtection.TLS12); yield rest; }
                case 2 -> { reader.setProtection(tls13()); yield rest; }
                case 3 -> { reader.setProtection(tls13()); yield Sealer.tls13(KEY16, IV12, rest); }
                case 4 -> { reader.setProtection(new Tls12AeadProtection(gcm12())); yield rest; }
                case 5 -> { reader.setProtection(new Tls12AeadProtection(gcm12())); yield seal12(gcm12(), rest); }
                default -> { reader.setProtection(new Tls12AeadProtection(chacha12()));
                    yield seal12(chacha12(), rest); }
            };
            drain(reader, stream, (input[0] & 0x80) != 0);
        } catch (TlsAlert expected) {
            // the one exception the stack may raise for bad peer input
        }
    }

    /** Reads every whole record of {@code stream}, passing each content to its consumer. */
    private static void drain(RecordReader reader, byte[] stream, boolean inPlace) {
        ByteBuffer src = ByteBuffer.wrap(stream);
        HandshakeAssembler assembler = new HandshakeAssembler();
        EmptyRecordGuard empties = new EmptyRecordGuard();
        while (reader.missing(src) == 0) {
            int before = src.position();
            ContentType type;
            ByteBuffer content;
            if (inPlace) {
                type = reader.readInPlace(src);
                content = reader.content();
            } else {
                ByteBuffer dst = ByteBuffer.allocate(reader.plaintextRoom());
                type = reader.read(src, dst);
                content = dst.flip();
            }
            if (src.position() <= before) {
                throw new AssertionError("a whole record was read but nothing consumed");
            }
            empties.onRecord(type, content.remaining());
            consume(type, content, assembler);
        }
    }

    private static void consume(ContentType type, ByteBuffer content, HandshakeAssembler assembler) {
        switch (type) {
            case HANDSHAKE -> {
                assembler.add(content);
                while (assembler.next().isPresent()) {
                    // each whole message is taken off the buffer
                }
            }
            case ALERT -> {
                assembler.requireEmpty("alert");
                AlertMessage.decode(content);
            }
            default -> assembler.requireEmpty(type.rfcName());
        }
    }

    private static Protection tls13() {
        return new Tls13Protection(new TrafficKeys(AeadAlgorithm.AES_128_GCM, KEY16.clone(), IV12.clone()));
    }

    private static TrafficKeys gcm12() {
        return new TrafficKeys(AeadAlgorithm.AES_256_GCM, KEY32.clone(), SALT4.clone());
    }

    private static TrafficKeys chacha12() {
        return new TrafficKeys(AeadAlgorithm.CHACHA20_POLY1305, KEY32.clone(), IV12.clone());
    }

    /** Chunks {@code [type u8][length u16][content]} sealed as TLS 1.2 records by a writer with {@code keys}. */
    private static byte[] seal12(TrafficKeys keys, byte[] chunks) {
        try (Tls12AeadProtection writer = new Tls12AeadProtection(keys)) {
            return Sealer.chunks(chunks, true, (type, content, out) -> {
                ContentType t = switch (type & 3) {
                    case 0 -> ContentType.HANDSHAKE;
                    case 1 -> ContentType.ALERT;
                    case 2 -> ContentType.APPLICATION_DATA;
                    default -> ContentType.CHANGE_CIPHER_SPEC;
                };
                ByteBuffer dst = ByteBuffer.allocate(writer.sealedSize(content.length));
                writer.seal(t, ByteBuffer.wrap(content), dst);
                out.writeBytes(Arrays.copyOf(dst.array(), dst.position()));
            });
        }
    }

    private static byte[] fill(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    /** Makes protected records from harness-chosen plaintext. */
    static final class Sealer {
        private Sealer() {
        }

        interface Sink {
            void seal(int type, byte[] content, java.io.ByteArrayOutputStream out);
        }

        /**
         * TLS 1.3: each chunk {@code [length u16][inner plaintext]} becomes one application_data
         * record whose AEAD plaintext is exactly the chunk's bytes (content, type, padding as the
         * fuzzer wrote them), sealed under {@code key}/{@code iv} with sequence numbers 0, 1, ...
         */
        static byte[] tls13(byte[] key, byte[] iv, byte[] chunks) {
            Aead aead = AeadAlgorithm.AES_128_GCM.newAead(key.clone());
            long[] seq = {0};
            try {
                return chunks(chunks, false, (type, inner, out) -> {
                    int length = inner.length + AeadAlgorithm.TAG_LENGTH;
                    byte[] header = {23, 3, 3, (byte) (length >>> 8), (byte) length};
                    byte[] nonce = iv.clone();
                    for (int i = 0; i < 8; i++) {
                        nonce[nonce.length - 1 - i] ^= (byte) (seq[0] >>> (8 * i));
                    }
                    seq[0]++;
                    ByteBuffer dst = ByteBuffer.allocate(length);
                    aead.seal(nonce, header, header.length, ByteBuffer.wrap(inner), dst);
                    out.writeBytes(header);
                    out.writeBytes(dst.array());
                });
            } finally {
                aead.close();
            }
        }

        /** Splits {@code chunks} into {@code [type u8 if typed][length u16][bytes]} pieces (the last one may be short). */
        static byte[] chunks(byte[] chunks, boolean typed, Sink sink) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.wrap(chunks);
            while (in.remaining() >= (typed ? 3 : 2)) {
                int type = typed ? in.get() & 0xFF : 0;
                int length = Math.min(in.getShort() & 0xFFFF, in.remaining());
                // TLS 1.2 writers refuse more than 2^14 bytes; TLS 1.3 inner plaintext may go past it
                length = Math.min(length, typed ? 1 << 14 : 17_000);
                byte[] content = new byte[length];
                in.get(content);
                sink.seal(type, content, out);
            }
            return out.toByteArray();
        }
    }
}
