package dev.flowlens.runtime.vlm;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * An OpenAI-compatible base URL (such as {@code http://localhost:8000/v1}) and the API key to send, if any.
 * The key never appears in {@link #toString()}; {@link #redact} removes it from any text a server echoed.
 */
public final class Endpoint {
    private final String baseUrl;
    private final String apiKey;

    private Endpoint(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }

    /**
     * Checks and normalises a base URL: http or https with a host; a trailing slash or a pasted
     * {@code /chat/completions} is dropped. Throws with a message that says what was expected.
     */
    public static Endpoint of(String url, String apiKey) {
        Objects.requireNonNull(url, "url");
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (u.endsWith("/chat/completions")) {
            u = u.substring(0, u.length() - "/chat/completions".length());
        }
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be a URL such as http://localhost:8000/v1, got \"" + url + "\"");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("must be an http:// or https:// URL such as http://localhost:8000/v1, got \""
                    + url + "\"");
        }
        return new Endpoint(u, apiKey);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The key that limits and remembered settings are shared under: one per server and path. */
    public String key() {
        return baseUrl.toLowerCase(Locale.ROOT);
    }

    public boolean hasApiKey() {
        return apiKey != null;
    }

    /** For the Authorization header only. */
    String apiKey() {
        return apiKey;
    }

    public URI resolve(String path) {
        return URI.create(baseUrl + path);
    }

    /** Z.ai's hosted API switches thinking with its own {@code thinking} field instead of chat-template kwargs. */
    public boolean isZaiHosted() {
        String host = URI.create(baseUrl).getHost().toLowerCase(Locale.ROOT);
        return host.equals("api.z.ai") || host.endsWith(".z.ai") || host.endsWith("bigmodel.cn");
    }

    /** The text with every occurrence of the API key replaced, for anything a server may have echoed. */
    public String redact(String text) {
        if (text == null || apiKey == null) {
            return text;
        }
        return text.replace(apiKey, "***");
    }

    @Override
    public String toString() {
        return baseUrl + (apiKey == null ? "" : " (with API key)");
    }
}
