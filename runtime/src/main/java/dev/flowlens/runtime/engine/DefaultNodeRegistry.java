package dev.flowlens.runtime.engine;

import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.ParamProblem;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.runtime.node.NodeProvider;
import dev.flowlens.runtime.node.NodeType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The node types found on the class path: every {@link NodeProvider} listed in
 * {@code META-INF/services/dev.flowlens.runtime.node.NodeProvider}. Registration is checked once, here, so a
 * broken node type fails at start-up with its provider named instead of in the middle of a run: type ids are
 * unique, every spec is well-formed and every parameter's default passes its own check.
 */
public final class DefaultNodeRegistry implements NodeCatalog {
    private final Map<String, NodeType> types;
    private final List<NodeSpec> specs;

    private DefaultNodeRegistry(Map<String, NodeType> types) {
        this.types = Map.copyOf(types);
        List<NodeSpec> ordered = new ArrayList<>(types.values().stream().map(NodeType::spec).toList());
        ordered.sort(Comparator.comparing(NodeSpec::category).thenComparing(NodeSpec::displayName)
                .thenComparing(NodeSpec::typeId));
        this.specs = List.copyOf(ordered);
    }

    /** Every provider visible to {@code loader}. */
    public static DefaultNodeRegistry load(ClassLoader loader) {
        List<NodeProvider> providers = new ArrayList<>();
        ServiceLoader.load(NodeProvider.class, loader).forEach(providers::add);
        return of(providers);
    }

    /** Every provider visible to the class loader that loaded FlowLens. */
    public static DefaultNodeRegistry load() {
        return load(DefaultNodeRegistry.class.getClassLoader());
    }

    /**
     * A registry of exactly these providers.
     *
     * @throws IllegalStateException naming the provider and type when a registration is broken
     */
    public static DefaultNodeRegistry of(List<? extends NodeProvider> providers) {
        Map<String, NodeType> byId = new LinkedHashMap<>();
        Map<String, String> registeredBy = new LinkedHashMap<>();
        for (NodeProvider provider : providers) {
            String providerName = provider.getClass().getName();
            List<NodeType> provided = provider.nodeTypes();
            if (provided == null) {
                throw new IllegalStateException("node provider " + providerName + " returned no list of node types");
            }
            for (NodeType type : provided) {
                if (type == null) {
                    throw new IllegalStateException("node provider " + providerName + " lists a null node type");
                }
                NodeSpec spec = checkSpec(type, providerName);
                String previous = registeredBy.putIfAbsent(spec.typeId(), providerName + " (" + type.getClass().getName() + ")");
                if (previous != null) {
                    throw new IllegalStateException("node type " + spec.typeId() + " is registered twice: by " + previous
                            + " and by " + providerName + " (" + type.getClass().getName() + ")");
                }
                byId.put(spec.typeId(), type);
            }
        }
        return new DefaultNodeRegistry(byId);
    }

    private static NodeSpec checkSpec(NodeType type, String providerName) {
        String where = type.getClass().getName() + " (from " + providerName + ")";
        NodeSpec spec;
        try {
            spec = type.spec();
        } catch (RuntimeException e) {
            throw new IllegalStateException("node type " + where + " could not describe itself: " + e.getMessage(), e);
        }
        if (spec == null) {
            throw new IllegalStateException("node type " + where + " returned no spec");
        }
        if (!Objects.equals(spec, type.spec())) {
            throw new IllegalStateException("node type " + spec.typeId() + " in " + where
                    + " returns a different spec each time; a spec must be constant");
        }
        if (spec.displayName().isBlank() || spec.category().isBlank()) {
            throw new IllegalStateException("node type " + spec.typeId() + " in " + where
                    + " needs a display name and a category for the palette");
        }
        for (ParamSpec param : spec.params()) {
            Optional<ParamProblem> problem = param.defaultValue().flatMap(param::check);
            if (problem.isPresent() && !(param.required() && problem.get().code()
                    == dev.flowlens.core.validation.IssueCode.REQUIRED_PARAM_MISSING)) {
                throw new IllegalStateException("node type " + spec.typeId() + " in " + where + ": the default of parameter "
                        + param.name() + " fails its own check: " + problem.get().detail());
            }
        }
        return spec;
    }

    @Override
    public Optional<NodeSpec> find(String typeId) {
        return nodeType(typeId).map(NodeType::spec);
    }

    @Override
    public List<NodeSpec> specs() {
        return specs;
    }

    /** The implementation behind a type id. */
    public Optional<NodeType> nodeType(String typeId) {
        return Optional.ofNullable(types.get(typeId));
    }

    public int size() {
        return types.size();
    }
}
