package dev.flowlens.runtime.inference;

import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model loaded on one device, shared by every run in the process. DJL predictors are not thread-safe,
 * so each worker thread borrows its own from a small pool (created on demand, kept for reuse, so at most as
 * many exist as threads ever ran this model at once).
 *
 * <p>A model on a GPU that runs out of memory on an item runs that item again on the CPU (the CPU copy comes
 * from the same {@link ModelCache}, loaded once) and says so in {@link Ran#device()}; the GPU copy stays for
 * the next item, which may well fit.
 */
public final class LoadedModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadedModel.class);
    private static final List<InferenceListener> LISTENERS = new CopyOnWriteArrayList<>();

    private final ModelKey key;
    private final Model model;
    private final ResolvedDevice device;
    private final long loadMillis;
    private final DevicePlacement placement;
    private final CpuCopy cpuCopy;
    /** Whose model and predictors these are: itself, or the CPU model a stand-in reports for. */
    private final LoadedModel owner;
    private final ConcurrentLinkedDeque<Predictor<NDList, NDList>> idle = new ConcurrentLinkedDeque<>();
    private final List<Predictor<NDList, NDList>> all = new ArrayList<>();
    private volatile boolean closed;

    /** Loads (or finds) the same model on the CPU, for items the GPU had no memory for. */
    @FunctionalInterface
    interface CpuCopy {
        LoadedModel load() throws InferenceException;
    }

    LoadedModel(ModelKey key, Model model, ResolvedDevice device, long loadMillis, DevicePlacement placement,
                CpuCopy cpuCopy) {
        this(key, model, device, loadMillis, placement, cpuCopy, null);
    }

    private LoadedModel(ModelKey key, Model model, ResolvedDevice device, long loadMillis, DevicePlacement placement,
                        CpuCopy cpuCopy, LoadedModel owner) {
        this.key = key;
        this.model = model;
        this.device = device;
        this.loadMillis = loadMillis;
        this.placement = placement;
        this.cpuCopy = cpuCopy;
        this.owner = owner == null ? this : owner;
    }

    /**
     * This (CPU) model, reporting that it stands in for {@code gpu}, which had no memory to load it. Shares this
     * model's predictors; closing it closes nothing (the cache owns this model).
     */
    LoadedModel standingInFor(ResolvedDevice gpu) {
        ResolvedDevice d = new ResolvedDevice(device.device(), device.engine(), device.engineVersion(), gpu.asked(),
                gpu.deviceName() + " had no memory to load the model; it ran on the CPU");
        return new LoadedModel(key, model, d, loadMillis, placement, null, this);
    }

    public ModelKey key() {
        return key;
    }

    public ResolvedDevice device() {
        return device;
    }

    public long loadMillis() {
        return loadMillis;
    }

    /** Adds a listener to every model's inferences (metrics); closing the returned handle removes it. */
    public static AutoCloseable listen(InferenceListener listener) {
        LISTENERS.add(listener);
        return () -> LISTENERS.remove(listener);
    }

    /** One forward pass: what a DJL predictor's {@code predict} does. */
    @FunctionalInterface
    public interface Forward {
        NDList predict(NDList input) throws TranslateException;
    }

    /** Work done with a predictor and a manager that lives for this call only (its arrays are freed after). */
    @FunctionalInterface
    public interface Inference<T> {
        T run(Forward predictor, NDManager manager) throws TranslateException, InferenceException;
    }

    /** What an inference gave and the device that gave it ("cpu (PyTorch 2.7.1)", plus why when it fell back). */
    public record Ran<T>(T value, String device) {
    }

    /** Runs {@code work} with a predictor of this thread's own; arrays made on {@code manager} are closed after. */
    public <T> T run(Inference<T> work) throws InferenceException {
        return runReporting(work).value();
    }

    /** As {@link #run}, and says which device ran it: the CPU, with the reason, when the GPU ran out of memory. */
    public <T> Ran<T> runReporting(Inference<T> work) throws InferenceException {
        try {
            return new Ran<>(runHere(work), device.describe());
        } catch (InferenceException e) {
            if (cpuCopy == null || !isOutOfMemory(e)) {
                throw e;
            }
            String why = device.deviceName() + " ran out of memory; this item ran on the CPU";
            LOG.warn("Model {}: {} ({})", key.modelId(), why, Engines.rootMessage(e));
            LoadedModel cpu = cpuCopy.load();
            return new Ran<>(cpu.runHere(work), cpu.device().describe() + "; " + why);
        }
    }

    private <T> T runHere(Inference<T> work) throws InferenceException {
        if (owner != this) {
            return owner.runHere(work);
        }
        if (closed) {
            throw new InferenceException("model " + key + " was closed (the runtime is shutting down)");
        }
        Predictor<NDList, NDList> p = idle.pollFirst();
        if (p == null) {
            p = model.newPredictor(new NoopTranslator());
            synchronized (all) {
                all.add(p);
            }
        }
        long t0 = System.nanoTime();
        try (NDManager manager = model.getNDManager().newSubManager()) {
            T value = work.run(placement.forward(p, device), manager);
            long nanos = System.nanoTime() - t0;
            for (InferenceListener l : LISTENERS) {
                tell(l, nanos);
            }
            return value;
        } catch (TranslateException | EngineException e) {
            throw new InferenceException("model " + key.modelId() + " failed on " + device.deviceName() + ": "
                    + Engines.rootMessage(e), e);
        } finally {
            idle.addFirst(p);
        }
    }

    private void tell(InferenceListener l, long nanos) {
        try {
            l.inferred(key.modelId(), device.deviceName(), nanos);
        } catch (RuntimeException e) {
            LOG.debug("an inference listener failed", e); // a listener never changes an item's outcome
        }
    }

    /** CUDA's and the engines' ways of saying the device had no memory left (not the Java heap's). */
    static boolean isOutOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            if (!(c instanceof OutOfMemoryError) && (m.contains("out of memory")
                    || m.contains("failed to allocate memory") || m.contains("cudaerrormemoryallocation"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (owner != this) {
            return;
        }
        closed = true;
        synchronized (all) {
            all.forEach(Predictor::close);
            all.clear();
        }
        idle.clear();
        model.close();
    }
}
