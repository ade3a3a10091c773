package dev.bastion.tls.trust;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * Endpoint identification for the {@code "HTTPS"} and {@code "LDAPS"} algorithms: does a
 * certificate name the host a client meant to reach (RFC 2818 §3.1, RFC 6125 §6)?
 *
 * <ul>
 * <li>An IP address literal must equal an {@code iPAddress} subject alternative name.</li>
 * <li>A DNS name must match a {@code dNSName} subject alternative name; only when the
 *     certificate has none is the most specific subject CN used (RFC 2818's legacy rule, which
 *     SunJSSE also keeps).</li>
 * <li>Comparison ignores case and a trailing dot, on the ASCII (IDNA) form of both names.</li>
 * <li>A wildcard is honoured only as the whole left-most label ({@code *.example.com}), only
 *     with at least two labels after it, and it matches exactly one non-empty label
 *     (RFC 6125 §6.4.3).</li>
 * </ul>
 */
public final class HostnameChecker {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private HostnameChecker() {
    }

    /**
     * Checks that {@code cert} names {@code host}.
     *
     * @throws CertificateException naming the host when it does not
     */
    public static void check(String host, X509Certificate cert) throws CertificateException {
        if (host == null || host.isEmpty()) {
            throw new CertificateException("no host name to check the certificate against");
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (isIpLiteral(h)) {
            checkIp(h, cert);
        } else {
            checkDns(h, cert);
        }
    }

    /** Whether {@code pattern} (a certificate name, maybe with a wildcard) matches {@code host}. */
    public static boolean matches(String host, String pattern) {
        String h = normalize(host);
        String p = normalize(pattern);
        if (h.isEmpty() || p.isEmpty()) {
            return false;
        }
        if (!p.startsWith("*.")) {
            return h.equals(p);
        }
        String suffix = p.substring(1); // ".example.com"
        if (suffix.indexOf('.', 1) < 0 || suffix.contains("*")) {
            return false; // "*.com" or a second wildcard: never
        }
        int dot = h.indexOf('.');
        return dot > 0 && h.substring(dot).equals(suffix);
    }

    private static void checkIp(String ip, X509Certificate cert) throws CertificateException {
        InetAddress wanted = address(ip);
        for (List<?> san : altNames(cert)) {
            if (((Integer) san.get(0)) == SAN_IP && wanted.equals(address((String) san.get(1)))) {
                return;
            }
        }
        throw new CertificateException("No subject alternative names matching IP address " + ip + " found");
    }

    private static void checkDns(String host, X509Certificate cert) throws CertificateException {
        boolean anyDns = false;
        for (List<?> san : altNames(cert)) {
            if (((Integer) san.get(0)) == SAN_DNS) {
                anyDns = true;
                if (matches(host, (String) san.get(1))) {
                    return;
                }
            }
        }
        if (anyDns) {
            throw new CertificateException("No subject alternative DNS name matching " + host + " found.");
        }
        String cn = mostSpecificCn(cert.getSubjectX500Principal());
        if (cn == null || !matches(host, cn)) {
            throw new CertificateException("No name matching " + host + " found");
        }
    }

    private static Collection<List<?>> altNames(X509Certificate cert) throws CertificateParsingException {
        Collection<List<?>> names = cert.getSubjectAlternativeNames();
        return names == null ? List.of() : names;
    }

    /** The first CN of an RFC 2253 name, which lists the most specific RDN first; null if none. */
    static String mostSpecificCn(X500Principal subject) {
        String dn = subject.getName(X500Principal.RFC2253);
        int i = 0;
        while (i < dn.length()) {
            int end = endOfAttribute(dn, i);
            String ava = dn.substring(i, end);
            if (ava.regionMatches(true, 0, "CN=", 0, 3)) {
                return ava.charAt(3) == '#' ? null : unescape(ava.substring(3));
            }
            i = end + 1;
        }
        return null;
    }

    private static int endOfAttribute(String dn, int from) {
        for (int i = from; i < dn.length(); i++) {
            char c = dn.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ',' || c == '+') {
                return i;
            }
        }
        return dn.length();
    }

    private static String unescape(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                c = v.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static String normalize(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        try {
            n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // not a valid IDN: compare as given
        }
        return n.toLowerCase(Locale.ROOT);
    }

    private static boolean isIpLiteral(String h) {
        if (h.indexOf(':') >= 0) {
            return true; // IPv6
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress address(String literal) throws CertificateException {
        try {
            // a literal address is parsed, never looked up
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new CertificateException("not an IP address: " + literal, e);
        }
    }
}
