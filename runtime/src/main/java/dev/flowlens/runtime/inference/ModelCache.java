package dev.flowlens.runtime.inference;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Models loaded once per process and shared across runs, keyed by model id, engine and device. A failed
 * load leaves nothing behind, so the next try starts clean. {@link #shared()} is the process-wide instance,
 * closed by a shutdown hook (or by the runtime when it closes).
 */
public final class ModelCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);
    private static final Object SHARED_LOCK = new Object();
    private static ModelCache shared;

    private static final Pattern DJL_PARAMS = Pattern.compile("(.+)-\\d{4}\\.params");

    private final Map<ModelKey, LoadedModel> models = new ConcurrentHashMap<>();
    private final DevicePlacement placement;
    private volatile boolean closed;

    /** A cache that places models the way DJL's engines can ({@link DevicePlacement#DJL}). */
    public ModelCache() {
        this(DevicePlacement.DJL);
    }

    /** A cache with its own idea of devices: tests use it to act out a GPU. */
    public ModelCache(DevicePlacement placement) {
        this.placement = placement;
    }

    /** Builds the network for weights saved in DJL's format; called only when the model is actually loaded. */
    @FunctionalInterface
    public interface BlockMaker {
        Block make() throws InferenceException;
    }

    /** The process-wide cache; closed at JVM shutdown. */
    public static ModelCache shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null || shared.closed) {
                ModelCache c = new ModelCache();
                Runtime.getRuntime().addShutdownHook(new Thread(c::close, "flowlens-model-cache-close"));
                shared = c;
            }
            return shared;
        }
    }

    /**
     * The model at {@code file} (or folder) on the engine and device asked for, loaded on first use.
     *
     * @param modelId the id the cache and messages use ("pp-ocrv4/det.onnx")
     * @param options DJL load options (may be empty)
     */
    public LoadedModel load(String modelId, Path file, String engineName, DeviceChoice choice,
                            Map<String, ?> options) throws InferenceException {
        return load(modelId, file, engineName, choice, options, null);
    }

    /**
     * As {@link #load(String, Path, String, DeviceChoice, Map)}, for weights saved in DJL's format
     * ({@code name-0000.params}), which need the network they were trained with.
     */
    public LoadedModel load(String modelId, Path file, String engineName, DeviceChoice choice,
                            Map<String, ?> options, BlockMaker block) throws InferenceException {
        if (closed) {
            throw new InferenceException("the model cache is closed (the runtime is shutting down)");
        }
        Engine engine = Engines.get(engineName);
        ResolvedDevice device = placement.resolve(choice, engine);
        ModelKey key = new ModelKey(modelId, engineName, device.deviceName());
        LoadedModel loaded = models.get(key);
        if (loaded != null) {
            return loaded;
        }
        synchronized (this) {
            loaded = models.get(key);
            if (loaded == null) {
                LoadedModel.CpuCopy cpuCopy = device.isGpu()
                        ? () -> load(modelId, file, engineName, DeviceChoice.CPU, options, block) : null;
                try {
                    loaded = open(key, file, engineName, device, options, block, cpuCopy);
                } catch (InferenceException e) {
                    if (cpuCopy == null || !LoadedModel.isOutOfMemory(e)) {
                        throw e;
                    }
                    // Nothing is cached for the GPU: the next item tries it again, memory may have come free.
                    LOG.warn("Model {}: {} had no memory to load it; running it on the CPU ({})", modelId,
                            device.deviceName(), Engines.rootMessage(e));
                    return cpuCopy.load().standingInFor(device);
                }
                models.put(key, loaded);
            }
            return loaded;
        }
    }

    private LoadedModel open(ModelKey key, Path file, String engineName, ResolvedDevice device,
                             Map<String, ?> options, BlockMaker block, LoadedModel.CpuCopy cpuCopy)
            throws InferenceException {
        if (!Files.exists(file)) {
            throw new InferenceException("model file " + file + " does not exist");
        }
        long t0 = System.nanoTime();
        Model model;
        try {
            model = Model.newInstance(key.modelId(), placement.loadOn(device), engineName);
        } catch (RuntimeException e) {
            throw new InferenceException("could not load model " + key.modelId() + " on " + device.deviceName()
                    + " with " + engineName + ": " + Engines.rootMessage(e), e);
        }
        try {
            if (block != null) {
                model.setBlock(block.make());
            }
            Path dir = Files.isDirectory(file) ? file : file.toAbsolutePath().getParent();
            String name = Files.isDirectory(file) ? null : file.getFileName().toString();
            Matcher djl = name == null ? null : DJL_PARAMS.matcher(name);
            if (djl != null && djl.matches()) {
                name = djl.group(1); // DJL loads "<prefix>-<epoch>.params" by prefix
            }
            if (name != null) {
                model.load(dir, name, options);
            } else {
                model.load(dir, null, options);
            }
        } catch (InferenceException e) {
            model.close();
            throw e;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new InferenceException("could not load model " + key.modelId() + " from " + file + " with "
                    + engineName + ": " + Engines.rootMessage(e), e);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("Loaded model {} in {} ms on {}", key.modelId(), ms, device.describe());
        return new LoadedModel(key, model, device, ms, placement, cpuCopy);
    }

    /** The keys of the models loaded now (for diagnostics and tests). */
    public List<ModelKey> loadedKeys() {
        return new ArrayList<>(models.keySet());
    }

    /** Closes and forgets one model (after its files were removed or replaced). */
    public void evict(String modelIdPrefix) {
        models.keySet().removeIf(k -> {
            if (k.modelId().startsWith(modelIdPrefix)) {
                LoadedModel m = models.get(k);
                if (m != null) {
                    m.close();
                }
                return true;
            }
            return false;
        });
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        models.values().forEach(m -> {
            try {
                m.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing model {} failed: {}", m.key(), e.getMessage());
            }
        });
        models.clear();
    }
}
