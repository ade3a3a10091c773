package dev.bastion.tls.arch;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.ArrayList;
import java.util.List;

/**
 * The layer list of DESIGN.md, as code: a class may depend on its own layer and on layers
 * further down the list, never up. Sub-packages belong to their first-level package's layer
 * ({@code crypto.jca} is {@code crypto}); the root package ({@code BastionProvider}) is spi.
 */
final class LayerRules {
    /** Top to bottom, as in DESIGN.md "Layers". */
    static final List<String> LAYERS = List.of(
            "spi", "engine", "connection", "handshake", "message", "record",
            "crypto", "session", "trust", "codec", "diag");

    /** Only this layer may use Bouncy Castle or javax.crypto. */
    static final String CRYPTO = "crypto";

    private LayerRules() {
    }

    /** The layer of a class under {@code root}, or null when it is outside {@code root}. */
    static String layerOf(String root, String className) {
        if (!className.startsWith(root + ".")) {
            return null;
        }
        String rest = className.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        if (dot < 0) {
            return "spi"; // classes in the root package: the provider itself
        }
        return rest.substring(0, dot);
    }

    /** Every violation among {@code classes} (classes under {@code root}), as readable lines. */
    static List<String> violations(String root, JavaClasses classes) {
        List<String> out = new ArrayList<>();
        for (JavaClass c : classes) {
            String from = layerOf(root, c.getName());
            if (from == null) {
                continue;
            }
            if (!LAYERS.contains(from)) {
                out.add(c.getName() + " is in package '" + from + "', which is not a layer of DESIGN.md");
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String target = d.getTargetClass().getName();
                checkForbiddenImport(from, c, target, out);
                String to = layerOf(root, target);
                if (to != null && LAYERS.contains(to) && LAYERS.indexOf(to) < LAYERS.indexOf(from)) {
                    out.add(from + " -> " + to + " points up: " + d.getDescription());
                }
            }
        }
        return out.stream().distinct().sorted().toList();
    }

    private static void checkForbiddenImport(String from, JavaClass c, String target, List<String> out) {
        // javax.crypto.SecretKey is an interface of the JSSE API itself (ExtendedSSLSession.exportKeyingMaterialKey
        // returns one): naming it is not using a cipher
        boolean restricted = target.startsWith("org.bouncycastle.")
                || target.startsWith("javax.crypto.") && !target.equals("javax.crypto.SecretKey");
        if (restricted && !from.equals(CRYPTO)) {
            out.add(c.getName() + " (" + from + ") uses " + target + "; only crypto may use Bouncy Castle or javax.crypto");
        }
    }
}
