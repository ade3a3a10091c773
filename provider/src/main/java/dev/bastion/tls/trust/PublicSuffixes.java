package dev.bastion.tls.trust;

import java.util.Locale;
import java.util.Set;

/**
 * A small, conservative stand-in for the Public Suffix List, used only to refuse wildcard
 * certificates whose wildcard would cover a whole registry: RFC 6125 §7.2 leaves it to the
 * client to refuse {@code *.com} or {@code *.co.uk}, and RFC 9525 §6.3 (which replaces RFC
 * 6125) says a wildcard must not match a public suffix.
 *
 * <p>A domain under a wildcard ({@code example.com} in {@code *.example.com}) is treated as
 * public-suffix-like when it has one label ({@code com}, {@code localhost}), or two labels
 * where the last is a two-letter country code and the first is one of the generic second-level
 * registry names used under many country codes ({@code co.uk}, {@code com.au}, {@code ac.jp},
 * {@code or.jp}, {@code gov.uk}, ...). Private registrations such as {@code github.io} are
 * deliberately not listed: their operators hold wildcard certificates of their own.
 */
final class PublicSuffixes {
    /** Second-level labels that registries of country-code TLDs reserve for public registration. */
    private static final Set<String> GENERIC_SECOND_LEVEL = Set.of(
            "ac", "co", "com", "edu", "go", "gob", "gov", "govt", "ltd", "mil", "ne", "net", "nom", "or",
            "org", "plc", "sch");

    private PublicSuffixes() {
    }

    /** Whether a wildcard directly over {@code domain} (ASCII, lower case, no trailing dot) would cover a registry. */
    static boolean isPublicSuffixLike(String domain) {
        String[] labels = domain.toLowerCase(Locale.ROOT).split("\\.", -1);
        if (labels.length <= 1) {
            return true;
        }
        if (labels.length == 2) {
            String tld = labels[1];
            boolean countryCode = tld.length() == 2 && tld.chars().allMatch(c -> c >= 'a' && c <= 'z');
            return countryCode && GENERIC_SECOND_LEVEL.contains(labels[0]);
        }
        return false;
    }
}
