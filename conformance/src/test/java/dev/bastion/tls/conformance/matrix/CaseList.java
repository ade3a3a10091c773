package dev.bastion.tls.conformance.matrix;

import java.util.ArrayList;
import java.util.List;

/**
 * The cases of the matrix. {@link #full()} is every peer × Bastion's role × version × suite ×
 * group × signature scheme × {no client auth, client auth} × {full, resumed} that the peer
 * supports. {@link #subset()} is the representative run: per peer, role and version, as many
 * cases as the longest dimension, pairing the i-th value of every dimension, so that each suite,
 * each group, each scheme and both client-auth settings occur at least once; plus one resumed
 * case per peer, role and version.
 */
public final class CaseList {
    private CaseList() {
    }

    /** {@code "full"} or anything else (the subset). */
    public static List<MatrixCase> of(String mode) {
        return mode.equals("full") ? full() : subset();
    }

    public static List<MatrixCase> full() {
        List<MatrixCase> out = new ArrayList<>();
        for (Peer p : Peer.values()) {
            for (Role r : p.bastionRoles) {
                for (String suite : Peer.SUITES13) {
                    for (String group : p.groups13()) {
                        for (String scheme : p.schemes13(r)) {
                            both(out, p, r, "TLSv1.3", suite, group, scheme);
                        }
                    }
                }
                for (String suite : p.suites12()) {
                    for (String group : p.groups12(suite)) {
                        for (String scheme : Peer.schemes12(suite)) {
                            both(out, p, r, "TLSv1.2", suite, group, scheme);
                        }
                    }
                }
            }
        }
        return out;
    }

    public static List<MatrixCase> subset() {
        List<MatrixCase> out = new ArrayList<>();
        for (Peer p : Peer.values()) {
            for (Role r : p.bastionRoles) {
                List<String> groups = p.groups13();
                List<String> schemes = p.schemes13(r);
                int n = Math.max(Math.max(Peer.SUITES13.size(), groups.size()), Math.max(schemes.size(), 2));
                for (int i = 0; i < n; i++) {
                    out.add(new MatrixCase(p, r, "TLSv1.3", pick(Peer.SUITES13, i), pick(groups, i), pick(schemes, i),
                            i % 2 == 1, false));
                }
                out.add(new MatrixCase(p, r, "TLSv1.3", Peer.SUITES13.get(0), "x25519", schemes.get(0), false, true));
                List<String> suites = p.suites12();
                for (int i = 0; i < suites.size(); i++) {
                    String suite = suites.get(i);
                    out.add(new MatrixCase(p, r, "TLSv1.2", suite, pick(p.groups12(suite), i),
                            pick(Peer.schemes12(suite), i), i % 2 == 1, false));
                }
                String first = suites.get(0);
                out.add(new MatrixCase(p, r, "TLSv1.2", first, p.groups12(first).get(0), Peer.schemes12(first).get(0),
                        false, true));
            }
        }
        return out;
    }

    private static void both(List<MatrixCase> out, Peer p, Role r, String version, String suite, String group,
            String scheme) {
        for (boolean auth : new boolean[] {false, true}) {
            for (boolean resumed : new boolean[] {false, true}) {
                out.add(new MatrixCase(p, r, version, suite, group, scheme, auth, resumed));
            }
        }
    }

    private static String pick(List<String> values, int i) {
        return values.get(i % values.size());
    }
}
