package dev.flowlens.app.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.app.TestRuntime;
import dev.flowlens.core.model.Edge;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.PortRef;
import dev.flowlens.core.model.Position;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.validation.IssueCode;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The canvas view model without any window: edits, wiring rules, undo/redo, clipboard. */
class CanvasViewModelTest {
    private final CanvasViewModel vm = new CanvasViewModel(new TestRuntime(), Workflow.empty("test"));

    @Test
    void addedNodesGetFreshIdsAndAreSelected() {
        NodeId a = vm.addNode(TestRuntime.RESIZE, new Position(10, 20));
        NodeId b = vm.addNode(TestRuntime.RESIZE, new Position(300, 20));

        assertThat(a.value()).isEqualTo("resize");
        assertThat(b.value()).isEqualTo("resize2");
        assertThat(vm.getSelection()).containsExactly(b);
        assertThat(vm.getWorkflow().node(a).orElseThrow().position()).isEqualTo(new Position(10, 20));
    }

    @Test
    void incompatibleWireIsRefusedWithTheReason() {
        NodeId ocr = vm.addNode(TestRuntime.OCR, Position.ORIGIN);
        NodeId resize = vm.addNode(TestRuntime.RESIZE, new Position(300, 0));

        CanvasViewModel.WireResult result = vm.connect(new PortRef(ocr, "text"), new PortRef(resize, "image"));

        assertThat(result.connected()).isFalse();
        assertThat(vm.getStatus()).isEqualTo("Resize.image expects Image, but OCR.text gives Text");
        assertThat(vm.statusIsErrorProperty().get()).isTrue();
        assertThat(vm.getWorkflow().edges()).isEmpty();
    }

    @Test
    void aSecondWireIntoAnInputReplacesTheFirst() {
        NodeId load1 = vm.addNode(TestRuntime.LOAD_IMAGE, Position.ORIGIN);
        NodeId load2 = vm.addNode(TestRuntime.LOAD_IMAGE, new Position(0, 200));
        NodeId resize = vm.addNode(TestRuntime.RESIZE, new Position(300, 0));

        vm.connect(new PortRef(load1, "image"), new PortRef(resize, "image"));
        vm.connect(new PortRef(load2, "image"), new PortRef(resize, "image"));

        assertThat(vm.getWorkflow().edges()).containsExactly(new Edge(new PortRef(load2, "image"), new PortRef(resize, "image")));
        assertThat(vm.getStatus()).startsWith("Replaced the wire into");
    }

    @Test
    void wiresThatWouldFormACycleAreRefused() {
        NodeId a = vm.addNode(TestRuntime.RESIZE, Position.ORIGIN);
        NodeId b = vm.addNode(TestRuntime.RESIZE, new Position(300, 0));
        vm.connect(new PortRef(a, "image"), new PortRef(b, "image"));

        CanvasViewModel.WireResult back = vm.connect(new PortRef(b, "image"), new PortRef(a, "image"));

        assertThat(back.connected()).isFalse();
        assertThat(back.message()).contains("cycle");
        assertThat(vm.compatibleInputs(new PortRef(b, "image"))).doesNotContain(new PortRef(a, "image"));
    }

    @Test
    void compatibleInputsFollowThePortTypeRule() {
        NodeId folder = vm.addNode(TestRuntime.IMAGE_FOLDER, Position.ORIGIN);
        NodeId ocr = vm.addNode(TestRuntime.OCR, new Position(300, 0));
        NodeId resize = vm.addNode(TestRuntime.RESIZE, new Position(300, 200));
        NodeId vlm = vm.addNode(TestRuntime.VLM, new Position(600, 0));

        assertThat(vm.compatibleInputs(new PortRef(resize, "image")))
                .containsExactlyInAnyOrder(new PortRef(ocr, "image"), new PortRef(vlm, "image"));
        assertThat(vm.compatibleInputs(new PortRef(folder, "files"))).isEmpty();
        assertThat(vm.specsAccepting(new PortRef(resize, "image")))
                .containsExactlyInAnyOrder(TestRuntime.RESIZE, TestRuntime.OCR, TestRuntime.VLM);
    }

    @Test
    void everyEditUndoesAndRedoes() {
        NodeId resize = vm.addNode(TestRuntime.RESIZE, Position.ORIGIN);
        Workflow added = vm.getWorkflow();
        vm.move(Set.of(resize), 15, 25);
        vm.setParam(resize, "width", new ParamValue.Int(0));
        Workflow last = vm.getWorkflow();
        assertThat(vm.issuesFor(resize)).anyMatch(i -> i.code() == IssueCode.VALUE_OUT_OF_RANGE
                && i.message().equals("Resize (node resize): Width must be between 1 and 16384, got 0"));

        vm.undo();
        vm.undo();
        assertThat(vm.getWorkflow()).isEqualTo(added);
        assertThat(vm.issuesFor(resize)).noneMatch(i -> i.code() == IssueCode.VALUE_OUT_OF_RANGE);
        vm.undo();
        assertThat(vm.getWorkflow().nodes()).isEmpty();
        assertThat(vm.canUndoProperty().get()).isFalse();

        vm.redo();
        vm.redo();
        vm.redo();
        assertThat(vm.getWorkflow()).isEqualTo(last);
        assertThat(vm.canRedoProperty().get()).isFalse();
    }

    @Test
    void copyAndPasteKeepsInnerWiresWithFreshIds() {
        NodeId load = vm.addNode(TestRuntime.LOAD_IMAGE, new Position(0, 0));
        NodeId resize = vm.addNode(TestRuntime.RESIZE, new Position(300, 0));
        NodeId ocr = vm.addNode(TestRuntime.OCR, new Position(600, 0));
        vm.connect(new PortRef(load, "image"), new PortRef(resize, "image"));
        vm.connect(new PortRef(resize, "image"), new PortRef(ocr, "image"));
        vm.setParam(resize, "width", new ParamValue.Int(640));
        vm.select(Set.of(load, resize));

        String json = vm.copySelection().orElseThrow();
        assertThat(vm.paste(json)).isTrue();

        Workflow w = vm.getWorkflow();
        assertThat(w.nodes()).hasSize(5);
        assertThat(vm.getSelection()).containsExactlyInAnyOrder(NodeId.of("load_image2"), NodeId.of("resize2"));
        assertThat(w.node("resize2").orElseThrow().param("width")).contains(new ParamValue.Int(640));
        assertThat(w.node("resize2").orElseThrow().position()).isEqualTo(new Position(340, 40));
        assertThat(w.edges()).contains(Edge.of("load_image2.image", "resize2.image"));
        assertThat(w.edgesInto(ocr)).hasSize(1); // the wire out of the copy is not copied

        vm.undo();
        assertThat(vm.getWorkflow().nodes()).hasSize(3);
    }

    @Test
    void pastingSomethingElseSaysSo() {
        assertThat(vm.paste("hello")).isFalse();
        assertThat(vm.getStatus()).startsWith("The clipboard holds no FlowLens nodes");
        assertThat(vm.canUndoProperty().get()).isFalse();
    }

    @Test
    void deleteRemovesNodesAndTheirWires() {
        NodeId load = vm.addNode(TestRuntime.LOAD_IMAGE, Position.ORIGIN);
        NodeId resize = vm.addNode(TestRuntime.RESIZE, new Position(300, 0));
        vm.connect(new PortRef(load, "image"), new PortRef(resize, "image"));
        vm.selectOnly(load);

        vm.deleteSelection();

        assertThat(vm.getWorkflow().nodes()).extracting(n -> n.id()).containsExactly(resize);
        assertThat(vm.getWorkflow().edges()).isEmpty();
        assertThat(vm.getSelection()).isEmpty();
    }

    @Test
    void duplicateAndFind() {
        NodeId ocr = vm.addNode(TestRuntime.OCR, Position.ORIGIN);
        vm.setTitle(ocr, "Read invoice");
        vm.selectOnly(ocr);
        vm.duplicateSelection();

        assertThat(vm.getWorkflow().nodes()).hasSize(2);
        assertThat(vm.find("invoice")).hasSize(2);
        assertThat(ocr.value()).isEqualTo("read");
        assertThat(vm.findAndReveal("read2")).isTrue();
        assertThat(vm.getSelection()).containsExactly(NodeId.of("read2"));
        assertThat(vm.revealRequestProperty().get()).isEqualTo(NodeId.of("read2"));
        assertThat(vm.findAndReveal("nothing like this")).isFalse();
        assertThat(vm.getStatus()).isEqualTo("No node matches \"nothing like this\"");
    }

    @Test
    void addingFromADroppedWireWiresTheNewNodeInOneUndoStep() {
        NodeId load = vm.addNode(TestRuntime.LOAD_IMAGE, Position.ORIGIN);
        NodeId ocr = vm.addNodeWiredFrom(new PortRef(load, "image"), TestRuntime.OCR, new Position(300, 0));

        assertThat(vm.getWorkflow().edges()).containsExactly(new Edge(new PortRef(load, "image"), new PortRef(ocr, "image")));
        vm.undo();
        assertThat(vm.getWorkflow().nodes()).hasSize(1);
        assertThat(vm.getWorkflow().edges()).isEmpty();
    }

    @Test
    void aWirePickedUpFromItsInputMovesToAnotherInputInOneEdit() {
        NodeId load = vm.addNode(TestRuntime.LOAD_IMAGE, Position.ORIGIN);
        NodeId resize = vm.addNode(TestRuntime.RESIZE, new Position(300, 0));
        NodeId ocr = vm.addNode(TestRuntime.OCR, new Position(300, 200));
        Edge wire = vm.connect(new PortRef(load, "image"), new PortRef(resize, "image")).edge().orElseThrow();
        Workflow wired = vm.getWorkflow();

        assertThat(vm.moveWire(wire, new PortRef(resize, "image")).connected()).isTrue();
        assertThat(vm.getWorkflow()).isEqualTo(wired); // dropped back where it was: nothing changes

        vm.moveWire(wire, new PortRef(ocr, "image"));
        assertThat(vm.getWorkflow().edges()).containsExactly(new Edge(new PortRef(load, "image"), new PortRef(ocr, "image")));
        vm.undo();
        assertThat(vm.getWorkflow()).isEqualTo(wired);
    }

    @Test
    void aFrameFromTheSelectionWrapsItsNodesWithRoomForTheTitle() {
        NodeId a = vm.addNode(TestRuntime.RESIZE, new Position(100, 100)); // 200 x 62
        NodeId b = vm.addNode(TestRuntime.OCR, new Position(400, 200)); // 200 x 86
        vm.select(Set.of(a, b));

        String id = vm.frameSelection("Prep").orElseThrow();

        var frame = vm.frame(id).orElseThrow();
        double pad = CanvasViewModel.FRAME_PADDING;
        double title = CanvasViewModel.FRAME_TITLE_HEIGHT;
        assertThat(frame).isEqualTo(new dev.flowlens.core.model.Frame("frame1", "Prep", 100 - pad, 100 - pad - title,
                500 + 2 * pad, 186 + 2 * pad + title, null));
        assertThat(vm.getSelectedFrame()).isEqualTo(id);
        assertThat(vm.getSelection()).isEmpty();
        // Selecting a node deselects the frame; a second frame gets the next free id.
        vm.selectOnly(a);
        assertThat(vm.getSelectedFrame()).isNull();
        assertThat(vm.frameSelection("Just a")).contains("frame2");
    }

    @Test
    void arrowsMoveASelectedFrameWithItsNodesAndDeleteKeepsTheNodes() {
        NodeId inside = vm.addNode(TestRuntime.RESIZE, new Position(100, 100));
        NodeId outside = vm.addNode(TestRuntime.RESIZE, new Position(600, 100));
        vm.selectOnly(inside);
        String id = vm.frameSelection("Box").orElseThrow();

        vm.moveSelection(10, 0);
        assertThat(vm.getWorkflow().node(inside).orElseThrow().position()).isEqualTo(new Position(110, 100));
        assertThat(vm.getWorkflow().node(outside).orElseThrow().position()).isEqualTo(new Position(600, 100));

        vm.deleteSelection();
        assertThat(vm.getWorkflow().canvas().frames()).isEmpty();
        assertThat(vm.getWorkflow().nodes()).hasSize(2);
        assertThat(vm.getSelectedFrame()).isNull();
        vm.undo();
        assertThat(vm.frame(id)).isPresent();
        vm.undo(); // the move
        vm.undo(); // the frame
        assertThat(vm.frame(id)).isEmpty();
        assertThat(vm.getSelectedFrame()).isNull();
    }

    @Test
    void framesAreNeverSmallerThanTheMinimumAndColoursMustBeHex() {
        vm.addNode(TestRuntime.RESIZE, Position.ORIGIN);
        vm.selectAll();
        String id = vm.frameSelection("Box").orElseThrow();

        vm.resizeFrame(id, 5, 5);
        assertThat(vm.frame(id).orElseThrow().width()).isEqualTo(CanvasViewModel.FRAME_MIN_WIDTH);
        assertThat(vm.frame(id).orElseThrow().height()).isEqualTo(CanvasViewModel.FRAME_MIN_HEIGHT);

        Workflow before = vm.getWorkflow();
        vm.colorFrame(id, "red; -fx-background-image: url(x)");
        assertThat(vm.getWorkflow()).isEqualTo(before);
        assertThat(vm.getStatus()).isEqualTo("A frame colour looks like #1f6feb, got \"red; -fx-background-image: url(x)\"");
        vm.colorFrame(id, "#1a7f37");
        assertThat(vm.frame(id).orElseThrow().color()).isEqualTo("#1a7f37");
    }

    @Test
    void distributeGivesEqualGapsBetweenCardsOfDifferentHeights() {
        NodeId top = vm.addNode(TestRuntime.OCR, new Position(0, 0)); // 86 high
        NodeId middle = vm.addNode(TestRuntime.RESIZE, new Position(50, 300)); // 62 high
        NodeId bottom = vm.addNode(TestRuntime.OCR, new Position(20, 400)); // 86 high
        vm.select(Set.of(top, middle, bottom));

        vm.align(Alignment.DISTRIBUTE_VERTICALLY);

        // Span 0..486, cards 234 high together: two gaps of 126.
        assertThat(vm.getWorkflow().node(middle).orElseThrow().position()).isEqualTo(new Position(50, 86 + 126));
        assertThat(vm.getWorkflow().node(top).orElseThrow().position()).isEqualTo(new Position(0, 0));
        assertThat(vm.getWorkflow().node(bottom).orElseThrow().position()).isEqualTo(new Position(20, 400));

        vm.align(Alignment.CENTRES_HORIZONTALLY);
        assertThat(vm.getWorkflow().nodes()).extracting(n -> n.position().x()).containsOnly(25.0); // bounds 0..250
        vm.undo();
        assertThat(vm.getWorkflow().node(middle).orElseThrow().position().x()).isEqualTo(50.0);
    }

    @Test
    void duplicatingAFramedGroupDuplicatesItsFrame() {
        NodeId a = vm.addNode(TestRuntime.RESIZE, new Position(100, 100));
        NodeId b = vm.addNode(TestRuntime.OCR, new Position(400, 100));
        NodeId other = vm.addNode(TestRuntime.LOAD_IMAGE, new Position(100, 600));
        vm.select(Set.of(a, b));
        String id = vm.frameSelection("Prep").orElseThrow();
        var frame = vm.frame(id).orElseThrow();

        vm.select(Set.of(a, b));
        vm.duplicateSelection();

        var frames = vm.getWorkflow().canvas().frames();
        assertThat(frames).hasSize(2);
        assertThat(frames.get(1).id()).isEqualTo("frame2");
        assertThat(frames.get(1).title()).isEqualTo("Prep");
        // Right below the original, so the copy's frame does not cover (and carry) the original nodes.
        assertThat(frames.get(1).x()).isEqualTo(frame.x());
        assertThat(frames.get(1).y()).isEqualTo(frame.y() + frame.height() + CanvasViewModel.PASTE_OFFSET);
        assertThat(vm.nodesIn(frames.get(1))).containsExactlyInAnyOrderElementsOf(vm.getSelection());
        assertThat(vm.getStatus()).isEqualTo("Pasted 2 nodes");

        // Copying only part of a frame's nodes leaves the frame behind.
        vm.select(Set.of(a, other));
        vm.duplicateSelection();
        assertThat(vm.getWorkflow().canvas().frames()).hasSize(2);
        vm.undo();
        vm.undo();
        assertThat(vm.getWorkflow().canvas().frames()).containsExactly(frame);
    }
}
