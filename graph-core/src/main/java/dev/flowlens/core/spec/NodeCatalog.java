package dev.flowlens.core.spec;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node types a validator, editor or executor can use. The runtime's node registry implements it;
 * tests build small ones with {@link #of(Collection)}.
 */
public interface NodeCatalog {

    Optional<NodeSpec> find(String typeId);

    /** All specs, in a stable order (category, then display name is the palette's business). */
    List<NodeSpec> specs();

    static NodeCatalog of(Collection<NodeSpec> specs) {
        Map<String, NodeSpec> byId = new LinkedHashMap<>();
        for (NodeSpec spec : specs) {
            if (byId.putIfAbsent(spec.typeId(), spec) != null) {
                throw new IllegalArgumentException("node type " + spec.typeId() + " is registered twice");
            }
        }
        List<NodeSpec> ordered = List.copyOf(byId.values());
        return new NodeCatalog() {
            @Override
            public Optional<NodeSpec> find(String typeId) {
                return Optional.ofNullable(byId.get(typeId));
            }

            @Override
            public List<NodeSpec> specs() {
                return ordered;
            }
        };
    }
}
