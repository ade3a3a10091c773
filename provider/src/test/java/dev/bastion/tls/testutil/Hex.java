package dev.bastion.tls.testutil;

import java.util.HexFormat;

/** Hex helpers for tests: {@link #bytes} ignores white space, so RFC dumps paste as they are. */
public final class Hex {
    private Hex() {
    }

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    public static String string(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
