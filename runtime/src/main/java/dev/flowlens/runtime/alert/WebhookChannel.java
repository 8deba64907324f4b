package dev.flowlens.runtime.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** POSTs the alert as JSON in the rule's template; any status but 2xx is a failed attempt. */
final class WebhookChannel implements AlertChannel {
    private final HttpClient http;
    private final Duration timeout;

    WebhookChannel(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public void send(AlertRule rule, Alert alert) throws IOException, InterruptedException {
        URI uri = URI.create(rule.target());
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "FlowLens-alerts")
                .POST(HttpRequest.BodyPublishers.ofString(rule.template().body(alert), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new IOException("no answer from " + uri.getHost() + ":" + port(uri) + " in time", e);
        } catch (java.net.ConnectException e) {
            // The JDK's message is often empty here; say what a user can check.
            throw new IOException("could not connect to " + uri.getHost() + ":" + port(uri)
                    + " (is the server up and the address right?)", e);
        }
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body().strip();
            throw new IOException("HTTP " + response.statusCode() + " from " + uri.getHost()
                    + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "..." : body)));
        }
    }

    private static int port(java.net.URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
