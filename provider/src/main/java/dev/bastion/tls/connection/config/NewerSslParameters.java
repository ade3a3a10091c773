package dev.bastion.tls.connection.config;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import javax.net.ssl.SSLParameters;

/**
 * The {@link SSLParameters} settings newer than Bastion's Java 17 baseline, reached through method
 * handles when the running JDK has them: {@code getNamedGroups}/{@code setNamedGroups} (Java 20)
 * and {@code getSignatureSchemes}/{@code setSignatureSchemes} (Java 19). On Java 17 they do not
 * exist, nobody can set them, and every method here answers null or does nothing.
 */
public final class NewerSslParameters {
    private static final MethodHandle GET_GROUPS = find("getNamedGroups", MethodType.methodType(String[].class));
    private static final MethodHandle SET_GROUPS = find("setNamedGroups",
            MethodType.methodType(void.class, String[].class));
    private static final MethodHandle GET_SCHEMES = find("getSignatureSchemes", MethodType.methodType(String[].class));
    private static final MethodHandle SET_SCHEMES = find("setSignatureSchemes",
            MethodType.methodType(void.class, String[].class));

    private NewerSslParameters() {
    }

    private static MethodHandle find(String name, MethodType type) {
        try {
            return MethodHandles.publicLookup().findVirtual(SSLParameters.class, name, type);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // an older JDK
        }
    }

    /** Whether this JDK's {@code SSLParameters} has named groups (Java 20+). */
    public static boolean hasNamedGroups() {
        return GET_GROUPS != null;
    }

    /** Whether this JDK's {@code SSLParameters} has signature schemes (Java 19+). */
    public static boolean hasSignatureSchemes() {
        return GET_SCHEMES != null;
    }

    /** {@code p.getNamedGroups()}, or null (not set, or an older JDK). */
    public static String[] namedGroups(SSLParameters p) {
        return get(GET_GROUPS, p);
    }

    /** {@code p.getSignatureSchemes()}, or null (not set, or an older JDK). */
    public static String[] signatureSchemes(SSLParameters p) {
        return get(GET_SCHEMES, p);
    }

    /** {@code p.setNamedGroups(names)} where the JDK has it. */
    public static void setNamedGroups(SSLParameters p, String[] names) {
        set(SET_GROUPS, p, names);
    }

    /** {@code p.setSignatureSchemes(names)} where the JDK has it. */
    public static void setSignatureSchemes(SSLParameters p, String[] names) {
        set(SET_SCHEMES, p, names);
    }

    private static String[] get(MethodHandle h, SSLParameters p) {
        if (h == null) {
            return null;
        }
        try {
            return (String[]) h.invokeExact(p);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(MethodHandle h, SSLParameters p, String[] names) {
        if (h == null) {
            return;
        }
        try {
            h.invokeExact(p, names);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
