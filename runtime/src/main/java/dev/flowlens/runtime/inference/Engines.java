package dev.flowlens.runtime.inference;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.engine.StandardCapabilities;
import ai.djl.util.cuda.CudaUtils;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts DJL engines the way FlowLens needs them: offline ({@code ai.djl.offline=true}, natives come from
 * Maven jars), unpacking into {@code <data>/engines/} instead of the home folder, and once per process. The
 * first start (native extraction, a few seconds) is timed and logged; later calls are a map look-up.
 *
 * <p>Also decides devices: {@code auto} means a GPU when the engine can use one, else the CPU with one info
 * line for the whole process, never a stack trace.
 */
public final class Engines {
    public static final String ONNX_RUNTIME = "OnnxRuntime";
    public static final String PYTORCH = "PyTorch";

    private static final Logger LOG = LoggerFactory.getLogger(Engines.class);
    private static final Map<String, Engine> STARTED = new ConcurrentHashMap<>();
    private static final Map<String, Long> START_MILLIS = new ConcurrentHashMap<>();
    private static final Map<String, Integer> GPU_COUNTS = new ConcurrentHashMap<>();
    private static final Set<String> CPU_FALLBACK_LOGGED = ConcurrentHashMap.newKeySet();
    private static volatile Path configuredFolder;
    private static volatile Path dataFolder;

    private Engines() {
    }

    /**
     * Sets the data folder: model nodes find the model store there from now on, and, on the first call in
     * the process, DJL's caches go under {@code dataFolder/engines} and DJL is switched offline. DJL reads
     * its cache settings once, so a later runtime with another data folder shares the first one's engine
     * cache (logged), while its models come from its own folder.
     */
    public static synchronized void configure(Path folder) {
        Path engines = folder.toAbsolutePath().resolve("engines");
        dataFolder = folder.toAbsolutePath();
        if (configuredFolder != null) {
            if (!configuredFolder.equals(engines)) {
                LOG.info("DJL engine cache stays at {} for this process; models now come from {}", configuredFolder,
                        dataFolder.resolve("models"));
            }
            return;
        }
        System.setProperty("ai.djl.offline", "true");
        setUnlessGiven("DJL_CACHE_DIR", engines.resolve("djl").toString());
        setUnlessGiven("ENGINE_CACHE_DIR", engines.resolve("native").toString());
        configuredFolder = engines;
    }

    private static void setUnlessGiven(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The folder DJL unpacks natives into; configures the default data folder if nobody did. */
    public static Path cacheFolder() {
        ensureConfigured();
        return configuredFolder;
    }

    /** The data folder the runtime was configured with (models live in its {@code models/}). */
    public static Path dataFolder() {
        ensureConfigured();
        return dataFolder;
    }

    private static void ensureConfigured() {
        if (configuredFolder == null) {
            configure(DataFolder.resolve());
        }
    }

    /**
     * The named engine ({@link #ONNX_RUNTIME}, {@link #PYTORCH}), started on first use. Starting DJL's ORT
     * engine first also matters for code that touches {@code OrtEnvironment} directly: ORT's global thread
     * pool is set up by DJL, and a direct environment made before it breaks DJL's start.
     */
    public static Engine get(String name) throws InferenceException {
        Engine e = STARTED.get(name);
        if (e != null) {
            return e;
        }
        synchronized (Engines.class) {
            e = STARTED.get(name);
            if (e != null) {
                return e;
            }
            ensureConfigured();
            long t0 = System.nanoTime();
            try {
                e = Engine.getEngine(name);
            } catch (EngineException | IllegalArgumentException ex) {
                throw new InferenceException("the " + name + " engine did not start: " + rootMessage(ex), ex);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            START_MILLIS.put(name, ms);
            STARTED.put(name, e);
            LOG.info("{} engine {} started in {} ms (cache {})", name, e.getVersion(), ms, configuredFolder);
            return e;
        }
    }

    /** How long the engine's first start took in this process; -1 when it has not started. */
    public static long startMillis(String name) {
        return START_MILLIS.getOrDefault(name, -1L);
    }

    /**
     * How many GPUs the engine can use here: CUDA is present, DJL sees devices, and the engine's natives are
     * a CUDA build. Asked once per engine: OnnxRuntime's CPU build answers with a warning each time.
     */
    public static int usableGpuCount(Engine engine) {
        return GPU_COUNTS.computeIfAbsent(engine.getEngineName(), n -> {
            if (!CudaUtils.hasCuda()) {
                return 0;
            }
            int count = engine.getGpuCount();
            return count > 0 && engine.hasCapability(StandardCapabilities.CUDA) ? count : 0;
        });
    }

    /** The device to use for {@code choice} on {@code engine}; never fails, falls back to the CPU and says why. */
    public static ResolvedDevice resolve(DeviceChoice choice, Engine engine) {
        int gpus = usableGpuCount(engine);
        String name = engine.getEngineName();
        String version = engine.getVersion();
        switch (choice.kind()) {
            case CPU:
                return new ResolvedDevice(Device.cpu(), name, version, choice, "");
            case GPU:
                if (choice.gpuIndex() < gpus) {
                    return new ResolvedDevice(Device.gpu(choice.gpuIndex()), name, version, choice, "");
                }
                String why = gpus == 0 ? name + " sees no usable GPU" : name + " sees only " + gpus + " GPU(s)";
                return new ResolvedDevice(Device.cpu(), name, version, choice,
                        choice + " was asked for but " + why + ", ran on the CPU");
            case AUTO:
            default:
                if (gpus > 0) {
                    return new ResolvedDevice(Device.gpu(0), name, version, choice, "");
                }
                if (CPU_FALLBACK_LOGGED.add(name)) {
                    LOG.info("No usable GPU for {} (CUDA natives absent or no device); model nodes run on the CPU", name);
                }
                return new ResolvedDevice(Device.cpu(), name, version, choice, "");
        }
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m == null ? c.getClass().getSimpleName() : m;
    }
}
