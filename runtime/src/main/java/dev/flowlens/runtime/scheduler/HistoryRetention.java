package dev.flowlens.runtime.scheduler;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps run history within a {@link RetentionPolicy} from inside the service: after every run that ends, and
 * once at start-up ({@link #pruneNow()}). A failure to prune is logged and never touches the run.
 */
public final class HistoryRetention implements ServiceListener {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryRetention.class);

    private final ScheduleStore store;
    private final RetentionPolicy policy;

    public HistoryRetention(ScheduleStore store, RetentionPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    @Override
    public void runFinished(RunRecord record) {
        pruneNow();
    }

    public RetentionPolicy.Pruned pruneNow() {
        if (policy.isOff()) {
            return new RetentionPolicy.Pruned(0, 0);
        }
        try {
            RetentionPolicy.Pruned p = store.prune(policy, Instant.now());
            if (p.runs() > 0) {
                LOG.info("history retention removed {} run(s){}", p.runs(),
                        policy.deleteOutputs() ? " and " + p.filesDeleted() + " output file(s)" : "");
            }
            return p;
        } catch (RuntimeException e) {
            LOG.warn("history retention failed; will try after the next run", e);
            return new RetentionPolicy.Pruned(0, 0);
        }
    }
}
