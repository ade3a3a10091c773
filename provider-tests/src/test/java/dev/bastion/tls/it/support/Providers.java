package dev.bastion.tls.it.support;

import java.util.ArrayList;
import java.util.List;

/** The JSSE providers the black-box tests run against. */
public final class Providers {
    private Providers() {
    }

    /** The reference implementation every behaviour is compared with. */
    public static final String REFERENCE = "SunJSSE";

    /** Providers whose SSLContext is exercised; Bastion joins once it registers SSLContext. */
    public static final List<String> UNDER_TEST = List.of("SunJSSE");

    /** Every (client provider, server provider) pair. */
    public static List<String[]> pairs() {
        List<String[]> out = new ArrayList<>();
        for (String c : UNDER_TEST) {
            for (String s : UNDER_TEST) {
                out.add(new String[] {c, s});
            }
        }
        return out;
    }
}
