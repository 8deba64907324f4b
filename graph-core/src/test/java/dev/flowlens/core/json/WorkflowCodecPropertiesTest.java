package dev.flowlens.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.TestCatalog;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.validation.ValidationIssue;
import dev.flowlens.core.validation.WorkflowValidator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Properties of the file format. Any workflow survives write then read unchanged; and any document at all,
 * however garbled, ends either in one {@link WorkflowFormatException} or in a workflow the validator turns into
 * a list of issues: never a crash, a stack trace or a hang. Garbled documents start from valid written ones
 * (so they reach deep into the reader) and are broken character by character, structurally, or made up.
 */
class WorkflowCodecPropertiesTest {
    private static final int CHARACTER_TRIES = 4_000;
    private static final int STRUCTURE_TRIES = 4_000;
    private static final int RANDOM_TRIES = 2_000;

    /** Valid documents the garbling starts from; generated once, so each try costs a parse, not a generation. */
    private static final int POOL_SIZE = 300;
    private static List<ObjectNode> pool;

    private static final AtomicInteger CHARACTER_DOCUMENTS = new AtomicInteger();
    private static final AtomicInteger STRUCTURE_DOCUMENTS = new AtomicInteger();
    private static final AtomicInteger RANDOM_DOCUMENTS = new AtomicInteger();
    private static final AtomicInteger FORMAT_ERRORS = new AtomicInteger();
    private static final AtomicInteger WORKFLOWS = new AtomicInteger();

    @BeforeContainer
    static void generatePoolAndResetCounts() {
        pool = WorkflowArbitraries.workflows().sampleStream().limit(POOL_SIZE).map(WorkflowCodec::toTree).toList();
        for (AtomicInteger counter : List.of(CHARACTER_DOCUMENTS, STRUCTURE_DOCUMENTS, RANDOM_DOCUMENTS, FORMAT_ERRORS, WORKFLOWS)) {
            counter.set(0);
        }
    }

    @AfterContainer
    static void atLeastTenThousandGarbledDocumentsWereTried() {
        int documents = CHARACTER_DOCUMENTS.get() + STRUCTURE_DOCUMENTS.get() + RANDOM_DOCUMENTS.get();
        if (CHARACTER_DOCUMENTS.get() > 0 && STRUCTURE_DOCUMENTS.get() > 0 && RANDOM_DOCUMENTS.get() > 0) {
            assertThat(CHARACTER_DOCUMENTS.get()).isEqualTo(CHARACTER_TRIES);
            assertThat(STRUCTURE_DOCUMENTS.get()).isEqualTo(STRUCTURE_TRIES);
            assertThat(RANDOM_DOCUMENTS.get()).isEqualTo(RANDOM_TRIES);
            assertThat(documents).isGreaterThanOrEqualTo(10_000);
            assertThat(FORMAT_ERRORS.get() + WORKFLOWS.get()).isEqualTo(documents);
            // Both endings are exercised in earnest, not one of them by accident.
            assertThat(FORMAT_ERRORS.get()).isGreaterThan(documents / 10);
            assertThat(WORKFLOWS.get()).isGreaterThan(documents / 20);
        }
    }

    @Provide
    Arbitrary<Workflow> workflows() {
        return WorkflowArbitraries.workflows();
    }

    @Property(tries = 1_000)
    void anyWorkflowSurvivesWriteThenRead(@ForAll("workflows") Workflow workflow) throws WorkflowFormatException {
        String written = WorkflowCodec.write(workflow);

        Workflow read = WorkflowCodec.read(written);

        assertThat(read).isEqualTo(workflow);
        assertThat(WorkflowCodec.write(read)).isEqualTo(written);
        assertThat(WorkflowCodec.fromJson(WorkflowCodec.toTree(workflow))).isEqualTo(workflow);
    }

    @Property(tries = CHARACTER_TRIES)
    void documentsBrokenCharacterByCharacterFailCleanly(@ForAll @IntRange(max = POOL_SIZE - 1) int which,
                                                        @ForAll long seed) {
        CHARACTER_DOCUMENTS.incrementAndGet();
        Random random = new Random(seed);
        String text = random.nextBoolean() ? pool.get(which).toPrettyString() : pool.get(which).toString();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            text = garbleCharacters(text, random);
        }
        outcome(text);
    }

    @Property(tries = STRUCTURE_TRIES)
    void documentsBrokenInTheirStructureFailCleanly(@ForAll @IntRange(max = POOL_SIZE - 1) int which, @ForAll long seed) {
        STRUCTURE_DOCUMENTS.incrementAndGet();
        Random random = new Random(seed);
        ObjectNode doc = pool.get(which).deepCopy();
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            garbleStructure(doc, random);
        }
        outcome(random.nextBoolean() ? doc.toPrettyString() : doc.toString());
    }

    /** Files broken byte by byte (invalid UTF-8 included), read the way the app opens them. */
    @Property(tries = 300)
    void filesBrokenByteByByteFailCleanly(@ForAll @IntRange(max = POOL_SIZE - 1) int which, @ForAll long seed)
            throws java.io.IOException {
        Random random = new Random(seed);
        byte[] bytes = pool.get(which).toPrettyString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips && bytes.length > 0; i++) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        java.nio.file.Path file = java.nio.file.Files.createTempFile("garbled", ".json");
        try {
            java.nio.file.Files.write(file, bytes);
            Workflow workflow = WorkflowCodec.read(file);
            assertThat(WorkflowValidator.validate(workflow, TestCatalog.CATALOG)).isNotNull();
        } catch (WorkflowFormatException e) {
            assertThat(e.getMessage()).startsWith(file.getFileName().toString());
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Property(tries = RANDOM_TRIES)
    void madeUpDocumentsFailCleanly(@ForAll long seed) {
        RANDOM_DOCUMENTS.incrementAndGet();
        Random random = new Random(seed);
        String text;
        int kind = random.nextInt(10);
        if (kind == 0) {
            text = WorkflowArbitraries.randomText(random, true);
        } else if (kind == 1) {
            text = WorkflowArbitraries.randomValue(random, 4, true).toString();
        } else {
            // Shaped like a workflow: a top-level object with the format's keys, nodes and edges that are lists.
            ObjectNode doc = WorkflowArbitraries.randomObject(random, 4, true);
            if (random.nextInt(3) > 0) {
                doc.set("nodes", WorkflowArbitraries.randomArray(random, 3, true));
            }
            if (random.nextBoolean()) {
                doc.put("formatVersion", random.nextInt(4) == 0 ? random.nextInt(5) - 1 : 1);
            }
            text = doc.toString();
        }
        outcome(text);
    }

    /** Reads one document; a workflow is validated and must survive its own round trip. */
    private static void outcome(String text) {
        Workflow workflow;
        try {
            workflow = WorkflowCodec.read(text);
        } catch (WorkflowFormatException e) {
            FORMAT_ERRORS.incrementAndGet();
            assertThat(e.problem()).isNotBlank();
            assertThat(e.getMessage()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(e.line()).isNotNegative();
            assertThat(e.column()).isNotNegative();
            assertThat(e.pointer()).isNotNull();
            return;
        }
        WORKFLOWS.incrementAndGet();
        List<ValidationIssue> issues = WorkflowValidator.validate(workflow, TestCatalog.CATALOG);
        assertThat(issues).isNotNull().allSatisfy(i -> assertThat(i.message()).isNotBlank().doesNotContain("Exception"));
        try {
            assertThat(WorkflowCodec.read(WorkflowCodec.write(workflow))).isEqualTo(workflow);
        } catch (WorkflowFormatException e) {
            throw new AssertionError("a workflow that was read could not be read back after writing: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- garbling

    private static final List<String> SNIPPETS = List.of("{", "}", "[", "]", ",", ":", "\"", "null", "true", "-", "1e999",
            "-0", "\\", "\\u12", "\u0000", "/*", "NaN", "Infinity", "\uD800", "\t", "\n", "0x10", "\"formatVersion\": 2,",
            "{\"$secret\": 1}", "\"x\": ", "99999999999999999999", "[[", "]]", "\"\"", "'", "\u00e9", "\uFEFF");

    static String garbleCharacters(String text, Random r) {
        if (text.isEmpty()) {
            return SNIPPETS.get(r.nextInt(SNIPPETS.size()));
        }
        int at = r.nextInt(text.length());
        int length = 1 + r.nextInt(Math.min(20, text.length() - at));
        switch (r.nextInt(8)) {
            case 0: // delete a range
                return text.substring(0, at) + text.substring(at + length);
            case 1: // insert a snippet
                return text.substring(0, at) + SNIPPETS.get(r.nextInt(SNIPPETS.size())) + text.substring(at);
            case 2: // replace one character with any character
                return text.substring(0, at) + (char) r.nextInt(0x10000) + text.substring(at + 1);
            case 3: // truncate
                return text.substring(0, at);
            case 4: // duplicate a range
                return text.substring(0, at + length) + text.substring(at, at + length) + text.substring(at + length);
            case 5: { // swap two neighbouring characters
                if (at + 1 >= text.length()) {
                    return text.substring(0, at);
                }
                return text.substring(0, at) + text.charAt(at + 1) + text.charAt(at) + text.substring(at + 2);
            }
            case 6: { // change a digit or a quote, where values live
                int i = indexOfAny(text, at, "0123456789\"");
                if (i < 0) {
                    return text;
                }
                char c = text.charAt(i);
                char replacement = c == '"' ? "'x{ ".charAt(r.nextInt(4)) : (char) ('0' + r.nextInt(10));
                return text.substring(0, i) + replacement + text.substring(i + 1);
            }
            default: { // change the case of a letter (keys and type ids are case-sensitive)
                char c = text.charAt(at);
                char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                return text.substring(0, at) + flipped + text.substring(at + 1);
            }
        }
    }

    private static int indexOfAny(String text, int from, String chars) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    static void garbleStructure(ObjectNode doc, Random r) {
        List<String> paths = WorkflowArbitraries.pathsOf(doc);
        String path = paths.get(r.nextInt(paths.size()));
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (r.nextInt(8)) {
            case 0: // remove a field or element (required ones included)
                remove(doc, path);
                break;
            case 1: // replace a value by a value of another kind
                replace(doc, path, swapKind(doc.at(path), r));
                break;
            case 2: // replace a value by random JSON shaped like the format
                replace(doc, path, WorkflowArbitraries.randomValue(r, 3, true));
                break;
            case 3: { // add a field the format knows, with a random value, to some object
                JsonNode target = doc.at(path);
                if (target instanceof ObjectNode o) {
                    String key = WorkflowArbitraries.FORMAT_KEYS.get(r.nextInt(WorkflowArbitraries.FORMAT_KEYS.size()));
                    o.set(key, WorkflowArbitraries.randomValue(r, 2, true));
                }
                break;
            }
            case 4: { // an odd format version
                List<JsonNode> versions = List.of(f.numberNode(-1), f.numberNode(0), f.numberNode(2), f.numberNode(1.5),
                        f.textNode("1"), f.nullNode(), f.numberNode(2147483648L), f.booleanNode(true), f.numberNode(1));
                doc.set("formatVersion", versions.get(r.nextInt(versions.size())));
                break;
            }
            case 5: // make it look like version 0: links as lists of random length, x/y on nodes
                toVersionZero(doc, r);
                break;
            case 6: { // duplicate an element of some list (duplicate node ids, wires twice)
                JsonNode target = doc.at(path);
                if (target instanceof ArrayNode a && a.size() > 0) {
                    a.add(a.get(r.nextInt(a.size())).deepCopy());
                }
                break;
            }
            default: { // rename a field
                JsonNode target = doc.at(path);
                if (target instanceof ObjectNode o && o.size() > 0) {
                    List<String> names = new ArrayList<>();
                    o.fieldNames().forEachRemaining(names::add);
                    String from = names.get(r.nextInt(names.size()));
                    String to = WorkflowArbitraries.FORMAT_KEYS.get(r.nextInt(WorkflowArbitraries.FORMAT_KEYS.size()));
                    JsonNode value = o.remove(from);
                    o.set(to, value);
                }
            }
        }
    }

    private static JsonNode swapKind(JsonNode n, Random r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (n == null || n.isMissingNode()) {
            return f.nullNode();
        }
        if (n.isTextual()) {
            return r.nextBoolean() ? f.numberNode(n.textValue().length()) : f.arrayNode().add(n.textValue());
        }
        if (n.isNumber()) {
            return r.nextBoolean() ? f.textNode(n.asText()) : f.booleanNode(n.asDouble() > 0);
        }
        if (n.isBoolean()) {
            return f.textNode(n.asText());
        }
        if (n.isNull()) {
            return f.objectNode();
        }
        if (n.isObject()) {
            ArrayNode values = f.arrayNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                values.add(it.next().getValue());
            }
            return values;
        }
        ObjectNode o = f.objectNode();
        for (int i = 0; i < n.size(); i++) {
            o.set(Integer.toString(i), n.get(i));
        }
        return o;
    }

    private static void remove(ObjectNode doc, String path) {
        if (path.isEmpty()) {
            doc.removeAll();
            return;
        }
        JsonPointer pointer = JsonPointer.compile(path);
        JsonNode parent = doc.at(pointer.head());
        if (parent instanceof ObjectNode o) {
            o.remove(pointer.last().getMatchingProperty());
        } else if (parent instanceof ArrayNode a) {
            a.remove(pointer.last().getMatchingIndex());
        }
    }

    private static void replace(ObjectNode doc, String path, JsonNode value) {
        if (path.isEmpty()) {
            doc.removeAll();
            doc.set("nodes", value);
            return;
        }
        JsonPointer pointer = JsonPointer.compile(path);
        JsonNode parent = doc.at(pointer.head());
        if (parent instanceof ObjectNode o) {
            o.set(pointer.last().getMatchingProperty(), value);
        } else if (parent instanceof ArrayNode a) {
            a.set(pointer.last().getMatchingIndex(), value);
        }
    }

    private static void toVersionZero(ObjectNode doc, Random r) {
        doc.remove("formatVersion");
        JsonNode edges = doc.remove("edges");
        ArrayNode links = doc.putArray("links");
        if (edges instanceof ArrayNode list) {
            for (JsonNode e : list) {
                String[] from = e.path("from").asText().split("\\.", 2);
                String[] to = e.path("to").asText().split("\\.", 2);
                ArrayNode link = links.addArray();
                List<String> parts = new ArrayList<>(List.of(from[0], from.length > 1 ? from[1] : "", to[0],
                        to.length > 1 ? to[1] : ""));
                int keep = r.nextInt(6) == 0 ? r.nextInt(6) : 4;
                for (int i = 0; i < keep; i++) {
                    link.add(i < parts.size() ? parts.get(i) : "extra");
                }
            }
        }
        if (doc.get("nodes") instanceof ArrayNode nodes) {
            for (JsonNode n : nodes) {
                if (n instanceof ObjectNode node && node.get("position") instanceof ObjectNode p && r.nextBoolean()) {
                    node.remove("position");
                    node.set("x", p.get("x"));
                    node.set("y", p.get("y"));
                }
            }
        }
        if (r.nextBoolean()) {
            doc.remove("canvas");
        }
    }
}
