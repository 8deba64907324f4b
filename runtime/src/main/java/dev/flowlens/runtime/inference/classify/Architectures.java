package dev.flowlens.runtime.inference.classify;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.runtime.inference.InferenceException;

/**
 * The networks a DJL-format model may name in its manifest's {@code architecture}: weights files saved by
 * DJL hold no graph, so loading needs the same block. Two small families, enough for models trained in
 * Java with DJL (tests, quick project-made classifiers):
 * <ul>
 *   <li>{@code {"type":"mlp","hidden":[64,32],"outputs":3}}: flatten, dense layers with ReLU, a dense output;</li>
 *   <li>{@code {"type":"cnn","channels":[8,16],"outputs":3}}: 3x3 conv + ReLU + 2x2 max-pool per entry,
 *       then flatten and a dense output.</li>
 * </ul>
 */
public final class Architectures {
    private Architectures() {
    }

    public static Block build(JsonNode spec) throws InferenceException {
        if (spec == null || !spec.hasNonNull("type")) {
            throw new InferenceException("a DJL-format model needs an \"architecture\" in its manifest (type mlp or"
                    + " cnn); TorchScript (.pt) and ONNX models carry their own");
        }
        int outputs = spec.path("outputs").asInt(0);
        if (outputs < 1) {
            throw new InferenceException("architecture.outputs must be the number of labels (1 or more), got "
                    + spec.path("outputs"));
        }
        SequentialBlock block = new SequentialBlock();
        String type = spec.get("type").asText();
        if (type.equals("mlp")) {
            block.add(Blocks.batchFlattenBlock());
            for (JsonNode h : spec.path("hidden")) {
                block.add(Linear.builder().setUnits(h.asInt()).build()).add(Activation::relu);
            }
        } else if (type.equals("cnn")) {
            for (JsonNode c : spec.path("channels")) {
                block.add(Conv2d.builder().setFilters(c.asInt()).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                        .build()).add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
            block.add(Blocks.batchFlattenBlock());
        } else {
            throw new InferenceException("architecture.type must be mlp or cnn, got \"" + type + "\"");
        }
        block.add(Linear.builder().setUnits(outputs).build());
        return block;
    }
}
