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
}
