package dev.flowlens.runtime.vlm;

import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code {{field}}} placeholders; an unknown field is an error that lists the known ones. */
public final class PromptTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*\\}\\}");

    private PromptTemplate() {
    }

    public static String render(String template, Map<String, String> fields) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = fields.get(name);
            if (value == null) {
                throw new IllegalArgumentException("uses {{" + name + "}}, but the inputs have no field \"" + name
                        + "\"; known fields: " + String.join(", ", new TreeSet<>(fields.keySet())));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
