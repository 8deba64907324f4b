package dev.flowlens.runtime.inference;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * One model loaded on one device, shared by every run in the process. DJL predictors are not thread-safe,
 * so each worker thread borrows its own from a small pool (created on demand, kept for reuse, so at most as
 * many exist as threads ever ran this model at once).
 */
public final class LoadedModel implements AutoCloseable {
    private final ModelKey key;
    private final Model model;
    private final ResolvedDevice device;
    private final long loadMillis;
    private final ConcurrentLinkedDeque<Predictor<NDList, NDList>> idle = new ConcurrentLinkedDeque<>();
    private final List<Predictor<NDList, NDList>> all = new ArrayList<>();
    private volatile boolean closed;

    LoadedModel(ModelKey key, Model model, ResolvedDevice device, long loadMillis) {
        this.key = key;
        this.model = model;
        this.device = device;
        this.loadMillis = loadMillis;
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

    /** Work done with a predictor and a manager that lives for this call only (its arrays are freed after). */
    @FunctionalInterface
    public interface Inference<T> {
        T run(Predictor<NDList, NDList> predictor, NDManager manager) throws TranslateException, InferenceException;
    }

    /** Runs {@code work} with a predictor of this thread's own; arrays made on {@code manager} are closed after. */
    public <T> T run(Inference<T> work) throws InferenceException {
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
        try (NDManager manager = model.getNDManager().newSubManager()) {
            return work.run(p, manager);
        } catch (TranslateException e) {
            throw new InferenceException("model " + key.modelId() + " failed on " + device.deviceName() + ": "
                    + Engines.rootMessage(e), e);
        } finally {
            idle.addFirst(p);
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (all) {
            all.forEach(Predictor::close);
            all.clear();
        }
        idle.clear();
        model.close();
    }
}
