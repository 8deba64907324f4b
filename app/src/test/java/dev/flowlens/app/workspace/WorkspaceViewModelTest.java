package dev.flowlens.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.app.TestRuntime;
import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.PortRef;
import dev.flowlens.core.model.Position;
import dev.flowlens.core.model.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The document without any window: save/open round trips, the unsaved marker, recent files, recovery. */
class WorkspaceViewModelTest {
    @TempDir
    Path temp;

    private WorkspaceViewModel workspace() {
        return new WorkspaceViewModel(new TestRuntime(), new AppSettings(temp.resolve("home"), temp.resolve("examples")));
    }

    @Test
    void saveWritesWhatWasBuiltAndOpenReadsItBack() throws Exception {
        WorkspaceViewModel ws = workspace();
        NodeId load = ws.canvas().addNode(TestRuntime.LOAD_IMAGE, new Position(0, 0));
        NodeId resize = ws.canvas().addNode(TestRuntime.RESIZE, new Position(300, 0));
        ws.canvas().connect(new PortRef(load, "image"), new PortRef(resize, "image"));
        ws.canvas().setParam(resize, "width", new ParamValue.Int(800));
        assertThat(ws.isDirty()).isTrue();
        assertThat(ws.titleProperty().get()).isEqualTo("• Untitled — FlowLens");

        Path file = temp.resolve("work/listing.json");
        assertThat(ws.saveAs(file)).isTrue();

        Workflow built = ws.canvas().getWorkflow();
        assertThat(built.name()).isEqualTo("listing");
        assertThat(WorkflowCodec.read(file)).isEqualTo(built);
        assertThat(Files.readString(file)).isEqualTo(WorkflowCodec.write(built));
        assertThat(ws.isDirty()).isFalse();
        assertThat(ws.titleProperty().get()).isEqualTo("listing.json — FlowLens");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }

        WorkspaceViewModel other = workspace();
        assertThat(other.open(file)).isTrue();
        assertThat(other.canvas().getWorkflow()).isEqualTo(built);
        assertThat(other.recentFiles().files()).containsExactly(file.toAbsolutePath().normalize());
        assertThat(other.canvas().canUndoProperty().get()).isFalse();
    }

    @Test
    void undoingBackToTheSavedStateClearsTheMarker() {
        WorkspaceViewModel ws = workspace();
        ws.saveAs(temp.resolve("a.json"));
        ws.canvas().addNode(TestRuntime.OCR, Position.ORIGIN);
        assertThat(ws.isDirty()).isTrue();
        ws.canvas().undo();
        assertThat(ws.isDirty()).isFalse();
    }

    @Test
    void aBrokenFileIsReportedAndTheDocumentStays() throws Exception {
        WorkspaceViewModel ws = workspace();
        ws.canvas().addNode(TestRuntime.OCR, Position.ORIGIN);
        Path bad = temp.resolve("bad.json");
        Files.writeString(bad, "{ \"nodes\": [ { \"id\": 3 } ] ");

        assertThat(ws.open(bad)).isFalse();

        assertThat(ws.canvas().getStatus()).startsWith("Cannot open bad.json: ");
        assertThat(ws.canvas().getWorkflow().nodes()).hasSize(1);
    }

    @Test
    void recoveryCopyHoldsUnsavedWorkAndGoesAwayOnSave() throws Exception {
        WorkspaceViewModel ws = workspace();
        ws.canvas().addNode(TestRuntime.RESIZE, Position.ORIGIN);
        ws.writeRecoveryCopy();
        assertThat(ws.recoveryCopy()).isPresent();

        WorkspaceViewModel restarted = workspace();
        assertThat(restarted.restoreRecoveryCopy()).isTrue();
        assertThat(restarted.canvas().getWorkflow().nodes()).extracting(n -> n.type()).containsExactly("image.resize");
        assertThat(restarted.isDirty()).isTrue();

        assertThat(restarted.saveAs(temp.resolve("kept.json"))).isTrue();
        assertThat(restarted.recoveryCopy()).isEmpty();
    }

    @Test
    void examplesAreTheWorkflowFilesUnderTheExamplesFolder() throws Exception {
        Path examples = temp.resolve("examples");
        Files.createDirectories(examples.resolve("support-screenshots"));
        Files.createDirectories(examples.resolve("empty-folder"));
        Workflow w = Workflow.empty("support");
        Files.writeString(examples.resolve("support-screenshots/workflow.json"), WorkflowCodec.write(w));
        WorkspaceViewModel ws = workspace();

        assertThat(ws.examples()).extracting(Example::title).containsExactly("Support screenshots");
        assertThat(ws.openExample(ws.examples().get(0))).isTrue();
        assertThat(ws.getFile()).isEmpty(); // Save asks where: the bundled file stays as shipped
        assertThat(ws.isDirty()).isFalse();
        assertThat(ws.canvas().getWorkflow()).isEqualTo(w);
    }
}
