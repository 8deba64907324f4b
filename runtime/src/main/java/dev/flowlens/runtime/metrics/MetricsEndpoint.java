package dev.flowlens.runtime.metrics;

import io.javalin.Javalin;

/**
 * {@code GET /api/metrics} on its own small loopback server, for the headless scheduler ({@code flowlens service
 * --metrics-port}), which has no API server. {@code flowlens serve} mounts the same scrape on its API instead.
 * Loopback only and without a token: the scrape holds counts and workflow names, never parameters or secrets.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private final Javalin app;

    private MetricsEndpoint(Javalin app) {
        this.app = app;
    }

    /** Listens on 127.0.0.1:{@code port} (0 picks a free port). */
    public static MetricsEndpoint start(FlowLensMetrics metrics, int port) {
        Javalin app = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.get("/api/metrics", ctx -> ctx.contentType(FlowLensMetrics.contentType()).result(metrics.scrape()));
        });
        app.start();
        return new MetricsEndpoint(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
