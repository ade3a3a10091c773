package dev.bastion.tls.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads Project Wycheproof vectors (Apache 2.0, see {@code wycheproof/LICENSE} in the test
 * resources) copied from {@code ../shared/testdata/wycheproof/}.
 */
public final class Wycheproof {
    private Wycheproof() {
    }

    /** One test case with the group it belongs to. */
    public record Case(String file, JsonNode group, JsonNode test) {
        public int tcId() {
            return test.get("tcId").asInt();
        }

        public String result() {
            return test.get("result").asText();
        }

        public boolean valid() {
            return "valid".equals(result());
        }

        public boolean invalid() {
            return "invalid".equals(result());
        }

        public boolean acceptable() {
            return "acceptable".equals(result());
        }

        public boolean hasFlag(String flag) {
            JsonNode flags = test.get("flags");
            if (flags != null) {
                for (JsonNode f : flags) {
                    if (f.asText().equals(flag)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** A hex field of the test case as bytes. */
        public byte[] hex(String field) {
            return Hex.bytes(test.get(field).asText());
        }

        /** A text field of the test case. */
        public String text(String field) {
            return test.get(field).asText();
        }

        @Override
        public String toString() {
            JsonNode comment = test.get("comment");
            return file + " #" + tcId() + " (" + result() + ")" + (comment == null ? "" : " " + comment.asText());
        }
    }

    /** The whole file as a JSON tree. */
    public static JsonNode load(String file) {
        try (InputStream in = Wycheproof.class.getResourceAsStream("/wycheproof/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource wycheproof/" + file);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every test case of every group of {@code file}. */
    public static List<Case> cases(String file) {
        JsonNode root = load(file);
        List<Case> out = new ArrayList<>();
        for (JsonNode group : root.get("testGroups")) {
            for (JsonNode test : group.get("tests")) {
                out.add(new Case(file, group, test));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException(file + " has no test cases");
        }
        return out;
    }
}
