package dev.flowlens.runtime.node;

import java.util.List;

/**
 * The node types of one category, found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.flowlens.runtime.node.NodeProvider}. Adding a node is one class plus one line
 * in its category's provider.
 */
public interface NodeProvider {
    List<NodeType> nodeTypes();
}
