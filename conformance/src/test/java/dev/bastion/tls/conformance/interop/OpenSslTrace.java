package dev.bastion.tls.conformance.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads OpenSSL's own {@code -trace} output (s_server or s_client): the ServerHello messages
 * OpenSSL sent or received, as OpenSSL decoded them (HelloRetryRequest or not, version,
 * cipher suite, key_share group).
 */
public final class OpenSslTrace {
    private static final Pattern MESSAGE = Pattern.compile("^    (\\w+), Length=\\d+$");
    private static final Pattern SUITE = Pattern.compile("cipher_suite \\{0x(\\p{XDigit}+), 0x(\\p{XDigit}+)\\}");
    private static final Pattern GROUP = Pattern.compile("NamedGroup: .*\\((\\d+)\\)\\s*$");
    private static final Pattern VERSION = Pattern.compile("^\\s+TLS 1\\.\\d \\((\\d+)\\)\\s*$");
    private static final Pattern LEGACY = Pattern.compile("server_version=0x(\\p{XDigit}+)");

    private static final Pattern SIGNATURE = Pattern.compile("^\\s+Signature Algorithm: (\\w+) \\(0x\\p{XDigit}{4}\\)\\s*$");

    private static final Pattern CURVE = Pattern.compile("named_curve: .*\\((\\d+)\\)\\s*$", Pattern.MULTILINE);

    private OpenSslTrace() {
    }

    /** TLS 1.2: the named curve of the last ECDHE ServerKeyExchange in the trace, or -1. */
    public static int tls12Curve(String trace) {
        Matcher m = CURVE.matcher(trace);
        int curve = -1;
        while (m.find()) {
            curve = Integer.parseInt(m.group(1));
        }
        return curve;
    }

    /**
     * The handshake signatures in the trace, in order, as {@code message=scheme}: each
     * ServerKeyExchange (TLS 1.2) and CertificateVerify that OpenSSL sent or received, e.g.
     * {@code CertificateVerify=ecdsa_secp384r1_sha384}.
     */
    public static List<String> signatures(String trace) {
        List<String> out = new ArrayList<>();
        String message = "?";
        for (String line : trace.split("\r?\n")) {
            Matcher m = MESSAGE.matcher(line);
            if (m.matches()) {
                message = m.group(1);
            } else if ((m = SIGNATURE.matcher(line)).matches()) {
                out.add(message + "=" + m.group(1));
            }
        }
        return out;
    }

    /** Every ServerHello (including HelloRetryRequests) in the trace text, in order. */
    public static List<WireView.ServerHello> serverHellos(String trace) {
        List<WireView.ServerHello> out = new ArrayList<>();
        List<String> block = null;
        for (String line : trace.split("\r?\n")) {
            Matcher m = MESSAGE.matcher(line);
            boolean boundary = m.matches() || (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)));
            if (boundary && block != null) {
                out.add(serverHello(block));
                block = null;
            }
            if (m.matches() && m.group(1).equals("ServerHello")) {
                block = new ArrayList<>();
            } else if (block != null) {
                block.add(line);
            }
        }
        if (block != null) {
            out.add(serverHello(block));
        }
        return out;
    }

    private static WireView.ServerHello serverHello(List<String> lines) {
        boolean hrr = false;
        int version = -1;
        int suite = -1;
        int group = -1;
        boolean inVersions = false;
        for (String line : lines) {
            hrr |= line.contains("gmt_unix_time=0xCF21AD74");
            Matcher m;
            if ((m = LEGACY.matcher(line)).find() && version < 0) {
                version = Integer.parseInt(m.group(1), 16);
            }
            if ((m = SUITE.matcher(line)).find()) {
                suite = Integer.parseInt(m.group(1), 16) << 8 | Integer.parseInt(m.group(2), 16);
            }
            if ((m = GROUP.matcher(line)).find()) {
                group = Integer.parseInt(m.group(1));
            }
            if (inVersions && (m = VERSION.matcher(line)).find()) {
                version = Integer.parseInt(m.group(1));
            }
            inVersions = line.contains("extension_type=supported_versions(43)");
        }
        return new WireView.ServerHello(hrr, version, suite, group);
    }
}
