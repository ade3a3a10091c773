package dev.bastion.tls.codec;

/**
 * Which host strings are IP address literals, read as the JDK reads them ({@code InetAddress},
 * and so SunJSSE's SNI and host name checks): an IPv6 literal has a colon; an IPv4 literal is one
 * to four dot-separated decimal parts, the last of which fills the bytes left ({@code 127.1} is
 * 127.0.0.1, {@code 2130706433} too). Such a host is never sent as a server name (RFC 6066 §3) and
 * is checked against the certificate's IP addresses, not its DNS names.
 */
public final class IpLiterals {
    private IpLiterals() {
    }

    /** Whether {@code host} is an IPv4 or IPv6 literal. */
    public static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || isIpv4Literal(host);
    }

    /** Whether {@code host} is an IPv4 literal in any of the forms the JDK accepts. */
    public static boolean isIpv4Literal(String host) {
        if (host.isEmpty() || host.length() > 15) {
            return false; // longer than 255.255.255.255 cannot be one (no leading zeros needed)
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false; // every part below must be digits: a host name ends here, without the split
            }
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 10 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            long value = Long.parseLong(p);
            // each part but the last is one byte; the last fills the bytes left
            long limit = i < parts.length - 1 ? 0xFF : (1L << (8 * (4 - i))) - 1;
            if (value > limit) {
                return false;
            }
        }
        return true;
    }
}
