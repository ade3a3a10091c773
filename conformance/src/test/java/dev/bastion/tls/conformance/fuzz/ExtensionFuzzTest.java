package dev.bastion.tls.conformance.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.MessageKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz target: every extension decoder in every message it may appear in (the RFC 8446 §4.2
 * table, {@link ExtensionType#allowedIn()}), plus whole extension blocks of each message kind
 * (duplicates, pre_shared_key placement, unknown and misplaced types).
 *
 * <p>The first input byte picks a {@link Case}: for one extension, the rest is its
 * extension_data, framed by the harness into a one-entry block; for a whole block, the rest is
 * the block's content. Contract: only {@link TlsAlert}; what decodes re-encodes to a block that
 * decodes to equal extensions.
 */
class ExtensionFuzzTest {
    /** (kind, extension) for every allowed pair, then (kind, whole block) for every kind. */
    static final List<Case> CASES = cases();

    @FuzzTest(maxDuration = "6s")
    void extensions(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Case c = CASES.get((input[0] & 0xFF) % CASES.size());
        // a block holds at most 2^16-1 bytes: longer inputs are cut to what the framing can carry
        byte[] rest = Arrays.copyOfRange(input, 1, Math.min(input.length, 0xFFFF - 4));
        Writer block = new Writer();
        if (c.type() == null) {
            block.vec16(w -> w.bytes(rest));
        } else {
            block.vec16(w -> {
                w.u16(c.type().code());
                w.vec16(d -> d.bytes(rest));
            });
        }
        Extensions decoded;
        try {
            decoded = decode(block.toByteArray(), c.kind());
        } catch (TlsAlert expected) {
            return;
        }
        Writer again = new Writer();
        decoded.encode(again);
        Extensions redecoded = decode(again.toByteArray(), c.kind());
        if (!redecoded.equals(decoded)) {
            throw new AssertionError(c + ": decode(encode(x)) differs from x\n x     = " + decoded
                    + "\n again = " + redecoded);
        }
    }

    private static Extensions decode(byte[] block, MessageKind kind) {
        Reader r = Reader.of(block);
        Extensions e = Extensions.decode(r, kind);
        r.end("extensions");
        return e;
    }

    /** One situation; {@code type} null for a whole block. */
    record Case(MessageKind kind, ExtensionType type) {
    }

    private static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (ExtensionType t : ExtensionType.values()) {
            for (MessageKind k : MessageKind.values()) {
                if (t.isAllowedIn(k)) {
                    out.add(new Case(k, t));
                }
            }
        }
        for (MessageKind k : MessageKind.values()) {
            out.add(new Case(k, null));
        }
        if (out.size() > 256) {
            throw new IllegalStateException("more cases than one byte can pick: " + out.size());
        }
        return List.copyOf(out);
    }
}
