package dev.flowlens.runtime.metrics;

import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.core.validation.ValidationIssue;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RunHandle;
import dev.flowlens.runtime.api.RunListener;
import dev.flowlens.runtime.api.RunRequest;
import java.util.List;

/**
 * A {@link FlowLens} that feeds every run's events to {@link FlowLensMetrics} before the caller's listener, so
 * the CLI, the scheduler and the HTTP API are measured alike without knowing about metrics. Closing it closes
 * the runtime it wraps.
 */
public final class MeteredFlowLens implements FlowLens {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MeteredFlowLens.class);
    private final FlowLens delegate;
    private final FlowLensMetrics metrics;

    public MeteredFlowLens(FlowLens delegate, FlowLensMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    public FlowLensMetrics metrics() {
        return metrics;
    }

    @Override
    public NodeCatalog catalog() {
        return delegate.catalog();
    }

    @Override
    public List<ValidationIssue> validate(Workflow workflow) {
        return delegate.validate(workflow);
    }

    @Override
    public RunHandle start(RunRequest request, RunListener listener) {
        RunListener metered = metrics.runListener(request.workflow());
        RunListener caller = listener == null ? RunListener.NONE : listener;
        return delegate.start(request, event -> {
            try {
                metered.onEvent(event);
            } catch (RuntimeException e) {
                // Metrics must never cost the caller an event.
                LOG.debug("metrics listener failed on {}", event.getClass().getSimpleName(), e);
            }
            caller.onEvent(event);
        });
    }

    @Override
    public void clearCache() {
        delegate.clearCache();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
