package dev.flowlens.runtime.vlm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenAI-compatible HTTP client: POST {@code /chat/completions} and GET {@code /models}, with retries on
 * 429 (honouring {@code Retry-After}), 5xx and dropped connections, a per-request timeout, cancellation that
 * aborts the request in flight, the endpoint's shared concurrency limit, and a cap on body size. Every
 * failure becomes a {@link VlmException} whose message a user can act on and which never holds the API key.
 *
 * <p>One {@link #shared()} instance serves the whole process (the JDK client pools connections and threads);
 * tests build their own with a faster {@link RetryPolicy}.
 */
public final class VlmClient {
    private static final Logger LOG = LoggerFactory.getLogger(VlmClient.class);

    /** Larger than any sane chat completion, small enough that a runaway server cannot exhaust memory. */
    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final class Holder {
        static final VlmClient SHARED = new VlmClient(defaultHttpClient(), RetryPolicy.DEFAULT,
                EndpointRegistry.shared(), DEFAULT_MAX_BODY_BYTES);
    }

    private static final java.util.List<VlmCallListener> LISTENERS = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final HttpClient http;
    private final RetryPolicy retry;
    private final EndpointRegistry registry;
    private final long maxBodyBytes;

    public VlmClient(HttpClient http, RetryPolicy retry, EndpointRegistry registry, long maxBodyBytes) {
        this.http = http;
        this.retry = retry;
        this.registry = registry;
        this.maxBodyBytes = maxBodyBytes;
    }

    public static VlmClient shared() {
        return Holder.SHARED;
    }

    /** Adds a listener to every client's chat calls (metrics); closing the returned handle removes it. */
    public static AutoCloseable listen(VlmCallListener listener) {
        LISTENERS.add(listener);
        return () -> LISTENERS.remove(listener);
    }

    /**
     * HTTP/1.1 on purpose: the JDK's cleartext HTTP/2 upgrade confuses some model servers and proxies, and
     * requests here are few and large, so multiplexing buys nothing.
     */
    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public EndpointRegistry registry() {
        return registry;
    }

    /** Sends one chat-completions request (with retries) and reads the first choice. */
    public ChatResult chat(Endpoint endpoint, ObjectNode body, CallOptions options) throws VlmException {
        long start = System.nanoTime();
        try {
            ChatResult result = chatOnce(endpoint, body, options);
            for (VlmCallListener l : LISTENERS) {
                notify(() -> l.chatSucceeded(endpoint.baseUrl(), result));
            }
            return result;
        } catch (VlmException e) {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            for (VlmCallListener l : LISTENERS) {
                notify(() -> l.chatFailed(endpoint.baseUrl(), e, millis));
            }
            throw e;
        }
    }

    /** A listener never changes a call's outcome. */
    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.debug("a VLM call listener failed", e);
        }
    }

    private ChatResult chatOnce(Endpoint endpoint, ObjectNode body, CallOptions options) throws VlmException {
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request tree always serialises", e);
        }
        URI uri = endpoint.resolve("/chat/completions");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        long start = System.nanoTime();
        Exchange ex = exchange(endpoint, request, options);
        long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        JsonNode root = parseJson(endpoint, uri, ex);
        JsonNode choices = root.path("choices");
        JsonNode message = choices.path(0).path("message");
        if (!choices.isArray() || choices.isEmpty() || !message.isObject()) {
            throw new VlmException(VlmException.Kind.BAD_ANSWER, ex.status,
                    "the server's answer holds no choices[0].message, so it is not a chat completion: "
                            + snippet(endpoint, ex.body));
        }
        String content = text(message.get("content"));
        String reasoning = text(message.has("reasoning_content") ? message.get("reasoning_content") : message.get("reasoning"));
        String finish = choices.path(0).path("finish_reason").asText("");
        String model = root.path("model").asText("");
        JsonNode usage = root.path("usage").isObject() ? root.get("usage") : JsonNodeFactory.instance.objectNode();
        return new ChatResult(content, reasoning, finish, model, usage, latency, ex.attempts);
    }

    /** GET {@code /models} (with retries); the parsed JSON body. */
    public JsonNode models(Endpoint endpoint, CallOptions options) throws VlmException {
        URI uri = endpoint.resolve("/models");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "application/json").GET();
        return parseJson(endpoint, uri, exchange(endpoint, request, options));
    }

    private record Exchange(int status, String contentType, byte[] body, int attempts) {
    }

    private Exchange exchange(Endpoint endpoint, HttpRequest.Builder builder, CallOptions options) throws VlmException {
        builder.timeout(options.timeout());
        if (endpoint.hasApiKey()) {
            builder.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        HttpRequest request = builder.build();
        EndpointRegistry.State state = registry.state(endpoint);
        String url = request.uri().toString();
        for (int attempt = 1; ; attempt++) {
            throwIfCancelled(options);
            HttpResponse<byte[]> response;
            state.acquire(options.maxConcurrent(), options.cancelled());
            try {
                response = sendOnce(endpoint, request, options);
            } catch (IOException e) {
                if (attempt < retry.maxAttempts()) {
                    Duration wait = retry.backoff(attempt);
                    LOG.info("{}: {} (try {} of {}); retrying in {} ms", url, describe(e), attempt, retry.maxAttempts(),
                            wait.toMillis());
                    pause(wait, options);
                    continue;
                }
                throw new VlmException(VlmException.Kind.CONNECTION, 0, "cannot reach " + url + " after " + attempt
                        + (attempt == 1 ? " try: " : " tries: ") + describe(e)
                        + (e instanceof ConnectException ? "; is the model server running and is the endpoint right?" : ""));
            } finally {
                state.release();
            }
            int status = response.statusCode();
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            Exchange ex = new Exchange(status, contentType, response.body(), attempt);
            if (status == 429 || status >= 500) {
                String said = serverMessage(endpoint, ex);
                if (attempt < retry.maxAttempts()) {
                    Duration wait = status == 429 ? retryAfter(response).orElse(retry.backoff(attempt)) : retry.backoff(attempt);
                    LOG.info("{}: HTTP {} {} (try {} of {}); retrying in {} ms", url, status, said, attempt,
                            retry.maxAttempts(), wait.toMillis());
                    pause(wait, options);
                    continue;
                }
                throw new VlmException(status == 429 ? VlmException.Kind.RATE_LIMITED : VlmException.Kind.SERVER_ERROR,
                        status, "the server answered HTTP " + status + " " + tries(attempt) + ": " + said);
            }
            if (status >= 400) {
                throw new VlmException(VlmException.Kind.CLIENT_ERROR, status,
                        "the server refused the request (HTTP " + status + " at " + url + "): " + serverMessage(endpoint, ex)
                                + hint(status, endpoint));
            }
            return ex;
        }
    }

    private static String tries(int attempts) {
        return attempts == 1 ? "" : "to all " + attempts + " tries";
    }

    private static String hint(int status, Endpoint endpoint) {
        if (status == 401 || status == 403) {
            return endpoint.hasApiKey() ? "; check the API key the api_key secret points to"
                    : "; the server wants an API key: set api_key to a secret reference such as env:ZAI_API_KEY";
        }
        if (status == 404) {
            return "; check the endpoint (it usually ends in /v1; Z.ai: /api/paas/v4) and the model name";
        }
        return "";
    }

    private HttpResponse<byte[]> sendOnce(Endpoint endpoint, HttpRequest request, CallOptions options)
            throws IOException, VlmException {
        CompletableFuture<HttpResponse<byte[]>> future =
                http.sendAsync(request, info -> new LimitedBodySubscriber(maxBodyBytes));
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (true) {
            if (options.cancelled().getAsBoolean()) {
                future.cancel(true);
                throw new CancellationException("the run was cancelled; the request to " + request.uri() + " was aborted");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                future.cancel(true);
                throw timeout(request, options);
            }
            try {
                return future.get(Math.min(left, POLL_NANOS), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // Poll again: the slices let us notice cancellation while the model is still writing.
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted; the request to " + request.uri() + " was aborted");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof HttpConnectTimeoutException connect) {
                    // No connection at all: like a refused one, worth another try.
                    throw connect;
                }
                if (cause instanceof HttpTimeoutException) {
                    throw timeout(request, options);
                }
                if (cause instanceof LimitedBodySubscriber.TooLarge || cause instanceof IOException
                        && cause.getCause() instanceof LimitedBodySubscriber.TooLarge) {
                    throw new VlmException(VlmException.Kind.BAD_ANSWER, 0, "the server's answer is larger than "
                            + maxBodyBytes / (1024 * 1024) + " MB; a chat completion is never that big, so the endpoint "
                            + "is probably not a chat-completions API");
                }
                if (cause instanceof IOException io) {
                    throw io;
                }
                throw new VlmException(VlmException.Kind.CONNECTION, 0, "the request to " + request.uri() + " failed: "
                        + endpoint.redact(String.valueOf(cause)));
            }
        }
    }

    private static VlmException timeout(HttpRequest request, CallOptions options) {
        return new VlmException(VlmException.Kind.TIMEOUT, 0, "no answer from " + request.uri() + " within "
                + options.timeout().toSeconds() + " s; raise the timeout or lower max tokens");
    }

    private static void throwIfCancelled(CallOptions options) {
        if (options.cancelled().getAsBoolean()) {
            throw new CancellationException("the run was cancelled");
        }
    }

    /** Waits between tries in short slices, so a cancelled run stops waiting at once. */
    private static void pause(Duration wait, CallOptions options) {
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            throwIfCancelled(options);
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, POLL_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting to retry");
            }
        }
    }

    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String v = header.get().strip();
        Duration d;
        try {
            d = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            try {
                d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        return Optional.of(d.compareTo(retry.maxRetryAfter()) > 0 ? retry.maxRetryAfter() : d);
    }

    private static JsonNode parseJson(Endpoint endpoint, URI uri, Exchange ex) throws VlmException {
        if (ex.body.length == 0) {
            throw new VlmException(VlmException.Kind.BAD_ANSWER, ex.status,
                    "the server answered HTTP " + ex.status + " with an empty body instead of JSON");
        }
        if (isHtml(ex)) {
            throw new VlmException(VlmException.Kind.BAD_ANSWER, ex.status, "the server answered with a web page ("
                    + pageTitle(endpoint, ex.body) + ") instead of JSON; is " + endpoint.baseUrl()
                    + " the API base URL (it usually ends in /v1)?");
        }
        String type = ex.contentType.toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.contains("json")) {
            throw new VlmException(VlmException.Kind.BAD_ANSWER, ex.status, "the server answered with "
                    + ex.contentType + " instead of application/json: " + snippet(endpoint, ex.body));
        }
        try {
            JsonNode root = MAPPER.readTree(ex.body);
            if (root == null || !root.isObject()) {
                throw new VlmException(VlmException.Kind.BAD_ANSWER, ex.status,
                        "the server's answer is not a JSON object: " + snippet(endpoint, ex.body));
            }
            return root;
        } catch (IOException e) {
            throw new VlmException(VlmException.Kind.BAD_ANSWER, ex.status, "the server's answer from " + uri
                    + " is not valid JSON (cut off or garbled): " + snippet(endpoint, ex.body));
        }
    }

    private static boolean isHtml(Exchange ex) {
        if (ex.contentType.toLowerCase(Locale.ROOT).contains("html")) {
            return true;
        }
        String start = new String(ex.body, 0, Math.min(ex.body.length, 64), StandardCharsets.UTF_8).stripLeading()
                .toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html");
    }

    private static String pageTitle(Endpoint endpoint, byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 8192), StandardCharsets.UTF_8);
        Matcher m = TITLE.matcher(text);
        return m.find() ? "\"" + endpoint.redact(collapse(m.group(1))) + "\"" : "no title";
    }

    /** The error text a server put in its body, in the shapes OpenAI, vLLM, FastAPI and Z.ai use. */
    private static String serverMessage(Endpoint endpoint, Exchange ex) {
        if (ex.body.length == 0) {
            return "(empty body)";
        }
        if (isHtml(ex)) {
            return "a web page, " + pageTitle(endpoint, ex.body);
        }
        try {
            JsonNode root = MAPPER.readTree(ex.body);
            if (root != null) {
                for (JsonNode candidate : new JsonNode[] {root.path("error").path("message"), root.path("message"),
                        root.path("detail"), root.path("error")}) {
                    if (candidate.isTextual() && !candidate.asText().isBlank()) {
                        return endpoint.redact(truncate(collapse(candidate.asText()), 500));
                    }
                    if (candidate.isArray() || candidate.isObject() && candidate != root.path("error")) {
                        return endpoint.redact(truncate(candidate.toString(), 500));
                    }
                }
            }
        } catch (IOException e) {
            // Not JSON: fall through to the raw text.
        }
        return snippet(endpoint, ex.body);
    }

    private static String snippet(Endpoint endpoint, byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 2000), StandardCharsets.UTF_8);
        return "\"" + endpoint.redact(truncate(collapse(text), 300)) + "\"";
    }

    private static String collapse(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "… (" + s.length() + " characters)";
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isArray()) {
            // Some servers send content as parts: [{"type": "text", "text": "..."}].
            StringBuilder sb = new StringBuilder();
            node.forEach(part -> sb.append(part.isTextual() ? part.asText() : part.path("text").asText("")));
            return sb.toString();
        }
        return node.asText();
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        String msg = e.getMessage();
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return msg == null || msg.isBlank() ? name : name + ": " + msg;
    }
}
