package dev.bastion.tls.it.support;

import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The JSSE providers the black-box tests run against. */
public final class Providers {
    private Providers() {
    }

    /** The reference implementation every behaviour is compared with. */
    public static final String REFERENCE = "SunJSSE";

    /** Providers whose SSLContext is exercised; Bastion joins once it registers SSLContext. */
    public static final List<String> UNDER_TEST = List.of("SunJSSE", "Bastion");

    static {
        install();
    }

    /**
     * Makes Bastion known to {@code Security} by name (as {@code java.security} or
     * {@code Security.addProvider} would), found through its ServiceLoader registration only.
     */
    public static void install() {
        if (Security.getProvider("Bastion") == null) {
            for (Provider p : ServiceLoader.load(Provider.class)) {
                if (p.getName().equals("Bastion")) {
                    Security.addProvider(p);
                }
            }
        }
        if (Security.getProvider("Bastion") == null) {
            throw new IllegalStateException("Bastion is not registered for ServiceLoader on this class path");
        }
    }

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
