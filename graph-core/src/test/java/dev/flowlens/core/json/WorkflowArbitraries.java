package dev.flowlens.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.TestCatalog;
import dev.flowlens.core.model.Canvas;
import dev.flowlens.core.model.Edge;
import dev.flowlens.core.model.Frame;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.PortRef;
import dev.flowlens.core.model.Position;
import dev.flowlens.core.model.SecretRef;
import dev.flowlens.core.model.Viewport;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.model.WorkflowId;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.ParamSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for whole workflows: every parameter value kind, edges (some dangling), frames and viewport. */
final class WorkflowArbitraries {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Keys a workflow file uses; random JSON and mutations use them so they reach past the top level. */
    static final List<String> FORMAT_KEYS = List.of("formatVersion", "id", "name", "description", "nodes", "edges",
            "links", "type", "title", "position", "params", "x", "y", "from", "to", "canvas", "viewport", "zoom",
            "frames", "width", "height", "color", WorkflowCodec.SECRET_KEY);

    private WorkflowArbitraries() {
    }

    static Arbitrary<Workflow> workflows() {
        Arbitrary<WorkflowId> ids = Arbitraries.strings().ofMinLength(1).ofMaxLength(40)
                .filter(s -> !s.isBlank()).map(WorkflowId::new);
        Arbitrary<List<NodeInstance>> nodes = nodes().list().ofMaxSize(6);
        return Combinators.combine(ids, text(), text(), nodes, wires().list().ofMaxSize(8), canvases())
                .as((id, name, description, ns, ws, canvas) -> new Workflow(id, name, description, ns,
                        ws.stream().map(wire -> wire.between(ns)).toList(), canvas));
    }

    /**
     * A wire sketched without knowing the nodes (no flatMap, which makes generation slow): ends are picked
     * among the nodes by index, and one end in eight refers to a node that is not there.
     */
    record Wire(int from, String fromPort, int to, String toPort, NodeId stray, int dangling) {
        Edge between(List<NodeInstance> nodes) {
            NodeId a = nodes.isEmpty() || dangling == 1 ? stray : nodes.get(from % nodes.size()).id();
            NodeId b = nodes.isEmpty() || dangling == 2 ? stray : nodes.get(to % nodes.size()).id();
            return new Edge(new PortRef(a, fromPort), new PortRef(b, toPort));
        }
    }

    static Arbitrary<Wire> wires() {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 63);
        return Combinators.combine(index, portNames(), index, portNames(), nodeIds(),
                Arbitraries.frequency(net.jqwik.api.Tuple.of(14, 0), net.jqwik.api.Tuple.of(1, 1), net.jqwik.api.Tuple.of(1, 2)))
                .as(Wire::new);
    }

    static Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(16),
                Arbitraries.strings().all().ofMaxLength(8),
                Arbitraries.of("", " ", "Résumé ✓", "\"quoted\"", "back\\slash", "line\nbreak", "tab\t", "\u0000", "日本語"));
    }

    static Arbitrary<NodeId> nodeIds() {
        Arbitrary<Character> first = Arbitraries.chars().range('a', 'z').range('A', 'Z').with('_');
        Arbitrary<String> rest = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withCharRange('0', '9').withChars('_', '-').ofMaxLength(10);
        return Combinators.combine(first, rest).as((f, r) -> NodeId.of(f + r));
    }

    static Arbitrary<String> portNames() {
        return Arbitraries.oneOf(Arbitraries.of("image", "text", "rows", "value", "answer", "file", "files", "context"),
                Combinators.combine(Arbitraries.chars().range('a', 'z'),
                        Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('_').ofMaxLength(8))
                        .as((f, r) -> f + r));
    }

    static Arbitrary<NodeInstance> nodes() {
        Arbitrary<String> types = Arbitraries.oneOf(
                Arbitraries.of(TestCatalog.SPECS.stream().map(NodeSpec::typeId).toList()), text());
        Arbitrary<String> paramNames = Arbitraries.oneOf(
                Arbitraries.of(TestCatalog.SPECS.stream().flatMap(s -> s.params().stream()).map(ParamSpec::name)
                        .distinct().toList()),
                text());
        // A list of entries rather than Arbitraries.maps, whose unique-key generation is many times slower.
        Arbitrary<Map<String, ParamValue>> params = Combinators.combine(paramNames, paramValues()).as(Map::entry)
                .list().ofMaxSize(5).map(entries -> {
                    Map<String, ParamValue> map = new java.util.HashMap<>();
                    entries.forEach(e -> map.put(e.getKey(), e.getValue()));
                    return map;
                });
        return Combinators.combine(nodeIds(), types, text(), params, positions()).as(NodeInstance::new);
    }

    static Arbitrary<ParamValue> paramValues() {
        return Arbitraries.oneOf(
                text().map(ParamValue.Text::new),
                Arbitraries.longs().map(ParamValue.Int::new),
                finiteDoubles().map(ParamValue.Num::new),
                Arbitraries.of(true, false).map(ParamValue.Bool::new),
                secrets().map(ParamValue.Secret::new),
                jsonContainers().map(ParamValue.Json::new));
    }

    static Arbitrary<SecretRef> secrets() {
        Arbitrary<String> names = Combinators.combine(Arbitraries.chars().range('A', 'Z').with('_'),
                Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z').withCharRange('0', '9')
                        .withChars('_', '.', '-').ofMaxLength(20)).as((f, r) -> f + r);
        return Combinators.combine(Arbitraries.of(SecretRef.Source.class), names).as(SecretRef::new);
    }

    /** JSON objects and lists holding every JSON kind, a few levels deep; never the "$secret"-only object. */
    static Arbitrary<JsonNode> jsonContainers() {
        return Arbitraries.longs().<JsonNode>map(seed -> {
            Random random = new Random(seed);
            return random.nextBoolean() ? randomObject(random, 3, false) : randomArray(random, 3, false);
        }).filter(n -> !(n.size() == 1 && n.has(WorkflowCodec.SECRET_KEY)));
    }

    static Arbitrary<Double> finiteDoubles() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-10_000, 10_000).ofScale(3),
                Arbitraries.doubles().between(-Double.MAX_VALUE, Double.MAX_VALUE),
                Arbitraries.of(0.0, -0.0, 1.0, 0.1, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300, 1e300));
    }

    static Arbitrary<Position> positions() {
        return Combinators.combine(finiteDoubles(), finiteDoubles()).as(Position::new);
    }

    static Arbitrary<Canvas> canvases() {
        Arbitrary<Double> positive = Arbitraries.oneOf(Arbitraries.doubles().between(0.001, 5_000).ofScale(3),
                Arbitraries.of(Double.MIN_VALUE, 1e300));
        Arbitrary<Frame> frames = Combinators.combine(text(), text(), finiteDoubles(), finiteDoubles(), positive, positive,
                Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.of("#ffcc00", "red", "", "var(--accent)")))
                .as(Frame::new);
        Arbitrary<Viewport> viewports = Combinators.combine(positive, finiteDoubles(), finiteDoubles()).as(Viewport::new);
        return Combinators.combine(frames.list().ofMaxSize(3), viewports).as(Canvas::new);
    }

    // ---------------------------------------------------------------- random JSON, for documents and values

    static JsonNode randomValue(Random r, int depth, boolean formatKeys) {
        int pick = r.nextInt(depth > 0 ? 10 : 7);
        switch (pick) {
            case 0:
                return F.nullNode();
            case 1:
                return F.booleanNode(r.nextBoolean());
            case 2:
                return F.numberNode(r.nextInt(7) - 2);
            case 3:
                return F.numberNode(r.nextLong());
            case 4:
                return F.numberNode(r.nextBoolean() ? r.nextDouble() * 1000 - 500 : Double.longBitsToDouble(r.nextLong()));
            case 5:
                return F.textNode(randomText(r, formatKeys));
            case 6:
                return F.numberNode(new java.math.BigInteger(80, r));
            case 7:
            case 8:
                return randomObject(r, depth - 1, formatKeys);
            default:
                return randomArray(r, depth - 1, formatKeys);
        }
    }

    static ObjectNode randomObject(Random r, int depth, boolean formatKeys) {
        ObjectNode o = F.objectNode();
        int size = r.nextInt(5);
        for (int i = 0; i < size; i++) {
            String key = formatKeys && r.nextInt(3) > 0 ? FORMAT_KEYS.get(r.nextInt(FORMAT_KEYS.size())) : randomText(r, false);
            o.set(key, randomValue(r, depth, formatKeys));
        }
        return o;
    }

    static ArrayNode randomArray(Random r, int depth, boolean formatKeys) {
        ArrayNode a = F.arrayNode();
        int size = r.nextInt(5);
        for (int i = 0; i < size; i++) {
            a.add(randomValue(r, depth, formatKeys));
        }
        return a;
    }

    private static final List<String> SHAPED_TEXT = List.of("a.b", "load.image", "resize.image", "x", "env:KEY",
            "keystore:k", "env:", "image.resize", "ocr.read", "", " ", "a-b", ".", "a.", ".b", "A.B", "node.Port");

    static String randomText(Random r, boolean shaped) {
        if (shaped && r.nextBoolean()) {
            return SHAPED_TEXT.get(r.nextInt(SHAPED_TEXT.size()));
        }
        StringBuilder sb = new StringBuilder();
        int length = r.nextInt(8);
        for (int i = 0; i < length; i++) {
            int kind = r.nextInt(4);
            sb.append(kind == 0 ? (char) r.nextInt(0x10000) : kind == 1 ? (char) (' ' + r.nextInt(95)) : (char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    static List<String> pathsOf(JsonNode root) {
        List<String> out = new ArrayList<>();
        collect(root, "", out);
        return out;
    }

    private static void collect(JsonNode n, String at, List<String> out) {
        out.add(at);
        if (n.isObject()) {
            n.fieldNames().forEachRemaining(k -> collect(n.get(k), at + "/" + k.replace("~", "~0").replace("/", "~1"), out));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                collect(n.get(i), at + "/" + i, out);
            }
        }
    }
}
