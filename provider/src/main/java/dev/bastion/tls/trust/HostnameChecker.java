package dev.bastion.tls.trust;

import dev.bastion.tls.codec.IpLiterals;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * Endpoint identification for the {@code "HTTPS"} and {@code "LDAPS"} algorithms: does a
 * certificate name the host a client meant to reach (RFC 2818 §3.1, RFC 6125 §6)?
 *
 * <ul>
 * <li>An IP address literal must equal an {@code iPAddress} subject alternative name; DNS
 *     names and the CN never match an address (RFC 6125 §1.7.2, RFC 2818 §3.1).</li>
 * <li>A DNS name must match a {@code dNSName} subject alternative name. The most specific
 *     subject CN is consulted only when the certificate has no DNS-ID, URI-ID or SRV-ID
 *     (otherName) subject alternative name at all (RFC 6125 §6.4.4).</li>
 * <li>Comparison ignores case and a trailing dot, on the ASCII (IDNA) form of both names
 *     (RFC 6125 §6.4.2).</li>
 * <li>A wildcard is honoured only as the whole left-most label ({@code *.example.com}), it
 *     matches exactly one non-empty label (RFC 6125 §6.4.3), and never directly over a public
 *     suffix such as {@code com} or {@code co.uk} ({@link PublicSuffixes}). Partial-label
 *     wildcards ({@code w*.example.com}), which RFC 6125 only permits, are not honoured.</li>
 * </ul>
 *
 * <p>A refusal names the host asked for and the names the certificate holds.
 */
public final class HostnameChecker {
    private static final int SAN_OTHER_NAME = 0;
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;
    private static final int SAN_IP = 7;

    /** What a certificate names: its DNS and IP SANs, whether it has any DNS/URI/SRV identifier, its CN. */
    private record Names(List<String> dns, List<String> ips, boolean hasIdentifierSan, String cn) {
    }

    private HostnameChecker() {
    }

    /**
     * Checks that {@code cert} names {@code host} (a DNS name, an IPv4 literal or an IPv6
     * literal, with or without brackets).
     *
     * @throws CertificateException naming the host and the certificate's names when it does not
     */
    public static void check(String host, X509Certificate cert) throws CertificateException {
        if (host == null || host.isEmpty()) {
            throw new CertificateException("no host name to check the certificate against (no SNI host name was "
                    + "requested and the peer host is unknown); the certificate names " + describe(names(cert)));
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        Names names = names(cert);
        if (IpLiterals.isIpLiteral(h)) {
            checkIp(h, names);
        } else {
            checkDns(h, names);
        }
    }

    /**
     * Whether {@code pattern} (a name from a certificate, maybe with a wildcard) matches the
     * DNS name {@code host} under the rules of the class comment.
     */
    public static boolean matches(String host, String pattern) {
        String h = normalize(host);
        String p = normalize(pattern);
        if (h.isEmpty() || p.isEmpty() || h.indexOf('*') >= 0) {
            return false;
        }
        if (p.indexOf('*') < 0) {
            return h.equals(p);
        }
        if (!p.startsWith("*.") || IpLiterals.isIpLiteral(h)) {
            return false; // partial-label or inner wildcards; addresses never match wildcards
        }
        String base = p.substring(2);
        if (base.isEmpty() || base.indexOf('*') >= 0 || PublicSuffixes.isPublicSuffixLike(base)) {
            return false;
        }
        int dot = h.indexOf('.');
        return dot > 0 && h.substring(dot + 1).equals(base);
    }

    private static void checkIp(String ip, Names names) throws CertificateException {
        InetAddress wanted = address(ip);
        for (String san : names.ips()) {
            if (wanted.equals(address(san))) {
                return;
            }
        }
        throw new CertificateException("No subject alternative names matching IP address " + ip
                + " found: the certificate names " + describe(names) + "; an IP address matches only an IP address SAN");
    }

    private static void checkDns(String host, Names names) throws CertificateException {
        for (String san : names.dns()) {
            if (matches(host, san)) {
                return;
            }
        }
        if (names.hasIdentifierSan()) {
            throw new CertificateException("No subject alternative DNS name matching " + host + " found: the certificate names "
                    + describe(names) + refusedWildcards(host, names.dns()));
        }
        if (names.cn() == null || !matches(host, names.cn())) {
            throw new CertificateException("No name matching " + host + " found: the certificate names " + describe(names));
        }
    }

    private static Names names(X509Certificate cert) throws CertificateParsingException {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        boolean identifier = false;
        Collection<List<?>> sans = cert.getSubjectAlternativeNames();
        for (List<?> san : sans == null ? List.<List<?>>of() : sans) {
            int type = (Integer) san.get(0);
            if (type == SAN_DNS) {
                dns.add((String) san.get(1));
            } else if (type == SAN_IP) {
                ips.add((String) san.get(1));
            }
            identifier |= type == SAN_DNS || type == SAN_URI || type == SAN_OTHER_NAME;
        }
        return new Names(dns, ips, identifier, mostSpecificCn(cert.getSubjectX500Principal()));
    }

    private static String describe(Names n) {
        StringBuilder sb = new StringBuilder();
        sb.append("DNS names ").append(n.dns()).append(", IP addresses ").append(n.ips());
        if (n.cn() != null) {
            sb.append(", subject CN ").append(n.cn());
            if (n.hasIdentifierSan()) {
                sb.append(" (not used: the certificate has DNS subject alternative names)");
            }
        }
        return sb.toString();
    }

    /** A note on wildcards that would cover {@code host} but are refused (public suffix, partial label). */
    private static String refusedWildcards(String host, List<String> dns) {
        List<String> refused = new ArrayList<>();
        for (String san : dns) {
            String p = normalize(san);
            int dot = p.indexOf('.');
            String h = normalize(host);
            int hdot = h.indexOf('.');
            if (p.indexOf('*') >= 0 && dot > 0 && hdot > 0 && p.substring(dot).equals(h.substring(hdot))) {
                refused.add(san);
            }
        }
        return refused.isEmpty() ? "" : "; wildcard " + refused
                + " not honoured (a wildcard must be the whole left-most label and must not cover a public suffix)";
    }

    /** The first CN of an RFC 2253 name, which lists the most specific RDN first; null if none. */
    static String mostSpecificCn(X500Principal subject) {
        String dn = subject.getName(X500Principal.RFC2253);
        int i = 0;
        while (i < dn.length()) {
            int end = endOfAttribute(dn, i);
            String ava = dn.substring(i, end);
            if (ava.regionMatches(true, 0, "CN=", 0, 3)) {
                return ava.length() > 3 && ava.charAt(3) == '#' ? null : unescape(ava.substring(3));
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

    private static InetAddress address(String literal) throws CertificateException {
        try {
            // a literal address is parsed, never looked up (getByName does no DNS query for literals)
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new CertificateException("not an IP address: " + literal, e);
        }
    }
}
