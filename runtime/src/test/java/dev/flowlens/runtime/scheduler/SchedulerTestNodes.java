package dev.flowlens.runtime.scheduler;

import dev.flowlens.core.spec.NodeFlag;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeProvider;
import dev.flowlens.runtime.node.NodeType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Test-only nodes for the scheduler's cross-process tests, registered like real ones. */
public final class SchedulerTestNodes implements NodeProvider {
    @Override
    public List<NodeType> nodeTypes() {
        return List.of(new WaitForFile());
    }

    /** Runs until a file appears (another process releases it) or the run is cancelled. */
    public static final class WaitForFile implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.wait_for_file", "Wait for file", "test")
                .output(OutputSpec.of("value", PortType.INTEGER, ""))
                .param(ParamSpec.TextParam.of("path", "File", "release", ""))
                .flag(NodeFlag.NON_DETERMINISTIC)
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
            Path file = Path.of(input.params().text("path"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(file)) {
                context.throwIfCancelled();
                if (System.nanoTime() > deadline) {
                    throw new NodeFailure("nobody created " + file + " within 60 s");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            return Map.of("value", 1L);
        }
    }
}
