package dev.flowlens.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a secret lives: an environment variable or an entry of the user's key store. A workflow stores
 * only this reference, never the secret itself, so files can be shared and committed safely.
 */
public record SecretRef(Source source, String name) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");

    public enum Source {
        ENV("env"), KEYSTORE("keystore");

        private final String key;

        Source(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Source fromKey(String key) {
            for (Source s : values()) {
                if (s.key.equals(key)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("secret source must be \"env\" or \"keystore\", got \"" + key + "\"");
        }
    }

    public SecretRef {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("secret name must be letters, digits, '_', '.' or '-', got \"" + name + "\"");
        }
    }

    public static SecretRef env(String variable) {
        return new SecretRef(Source.ENV, variable);
    }

    /** Parses {@code env:NAME} or {@code keystore:NAME}. */
    public static SecretRef parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected a secret reference like \"env:API_KEY\" or \"keystore:zai\", got \""
                    + text + "\"");
        }
        return new SecretRef(Source.fromKey(text.substring(0, colon)), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return source.key + ":" + name;
    }
}
