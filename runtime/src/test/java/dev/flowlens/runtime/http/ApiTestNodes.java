package dev.flowlens.runtime.http;

import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeProvider;
import dev.flowlens.runtime.node.NodeType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Test-only node types for the HTTP API's tests, under the {@code test.} namespace: a stand-in for "ask a model
 * about an image" that really decodes the image and answers from what it found, so a script that sets an image
 * path and a prompt gets an answer that depends on both.
 */
public final class ApiTestNodes implements NodeProvider {

    @Override
    public List<NodeType> nodeTypes() {
        return List.of(new DescribeImage());
    }

    /** "prompt: answer" where the answer is the image's file name and size, read by decoding it. */
    public static final class DescribeImage implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.describe_image", "Describe image", "test")
                .output(OutputSpec.of("answer", PortType.TEXT, ""))
                .param(ParamSpec.PathParam.existingFile("path", "Image", ""))
                .param(ParamSpec.TextParam.of("prompt", "Prompt", "What is this?", ""))
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
            Path file = context.resolveInput(input.params().text("path"));
            BufferedImage image;
            try {
                image = ImageIO.read(file.toFile());
            } catch (IOException e) {
                throw new NodeFailure(context.nodeLabel() + ": " + file.getFileName() + " cannot be read: " + e.getMessage());
            }
            if (image == null) {
                throw new NodeFailure(context.nodeLabel() + ": " + file.getFileName() + " is not an image");
            }
            return Map.of("answer", input.params().text("prompt") + " " + file.getFileName() + " is a "
                    + image.getWidth() + "x" + image.getHeight() + " image");
        }
    }
}
