package dev.flowlens.runtime.inference;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;

/**
 * Where a {@link ModelCache} puts models and how their predictions run. {@link #DJL} is the real thing; it is
 * an interface so a test can act out a GPU on a machine without one (a model that says {@code gpu0} but runs
 * out of memory on every item) and check what happens next.
 */
public interface DevicePlacement {
    /** Engines decide: a usable GPU when asked and present, else the CPU (see {@link Engines#resolve}). */
    DevicePlacement DJL = new DevicePlacement() {
    };

    /** The device a node's choice resolves to on {@code engine}. */
    default ResolvedDevice resolve(DeviceChoice choice, Engine engine) {
        return Engines.resolve(choice, engine);
    }

    /** The device the weights are loaded on. */
    default Device loadOn(ResolvedDevice device) {
        return device.device();
    }

    /** How one prediction runs with a predictor of a model on {@code device}. */
    default LoadedModel.Forward forward(Predictor<NDList, NDList> predictor, ResolvedDevice device) {
        return predictor::predict;
    }
}
