package dev.flowlens.runtime.node;

import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.runtime.api.ModelUse;
import java.util.Map;
import java.util.Optional;

/**
 * A node type: a static {@link NodeSpec} and a stateless {@link #execute}. One small final class per type,
 * registered by its category's {@link NodeProvider}. The executor never knows concrete types.
 *
 * <p>{@code execute} receives single values for single-valued inputs: when a list arrives at such an input
 * the executor calls it once per element and assembles the list. Throw {@link NodeFailure} for problems a
 * user can fix ("folder /data/in does not exist"); anything else is reported as an internal error with its
 * stack trace kept for the log.
 */
public interface NodeType {

    NodeSpec spec();

    /** Returns one value per declared output, by output name. */
    Map<String, Object> execute(NodeInput input, NodeContext context) throws Exception;

    /**
     * What else, beyond parameters and upstream results, decides this node's result: for nodes that read
     * files, the files' paths, sizes and modification times. Part of the cache key; "" when nothing.
     */
    default String fingerprint(Params params, NodeContext context) throws Exception {
        return "";
    }

    /**
     * The stored model this node computes with for these parameters, for the run's audit trail and report rows;
     * empty for nodes that use none, or when the model is not installed (the node itself says so when it runs).
     */
    default Optional<ModelUse> model(Params params) {
        return Optional.empty();
    }
}
