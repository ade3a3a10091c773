package dev.bastion.tls.conformance.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of one {@code bastion} command: {@code --name value} options,
 * {@code --flag} switches and positional arguments, checked against the names the command
 * accepts. A repeated option keeps its last value.
 */
public final class Options {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> flags = new ArrayList<>();
    private final List<String> positional = new ArrayList<>();

    private Options() {
    }

    /**
     * Parses {@code args}.
     *
     * @param valued options that take a value ({@code "port"} for {@code --port 443})
     * @param switches options without a value ({@code "insecure"})
     * @throws UsageException for an unknown option or a missing value
     */
    public static Options parse(String[] args, Set<String> valued, Set<String> switches) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                o.positional.add(a);
                continue;
            }
            String name = a.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq > 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (switches.contains(name) && inline == null) {
                o.flags.add(name);
            } else if (valued.contains(name)) {
                if (inline == null && i + 1 >= args.length) {
                    throw new UsageException("--" + name + " needs a value");
                }
                o.values.put(name, inline != null ? inline : args[++i]);
            } else {
                throw new UsageException("unknown option " + a);
            }
        }
        return o;
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** A comma- or space-separated list, empty when the option is absent. */
    public List<String> list(String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            return List.of();
        }
        return Arrays.stream(v.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    /** A whole number within {@code min..max}, or {@code fallback} when absent. */
    public int integer(String name, int fallback, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + name + " must be a number in " + min + ".." + max + ", got " + v);
    }

    public List<String> positional() {
        return List.copyOf(positional);
    }

    /** The names of {@code a} and of {@code b}, for declaring what a command accepts. */
    static Set<String> union(Collection<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }

    /** Fails unless both or neither of the two options are present. */
    public void together(String a, String b) {
        if (values.containsKey(a) != values.containsKey(b)) {
            throw new UsageException("--" + a + " and --" + b + " go together");
        }
    }
}
