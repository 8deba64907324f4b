package dev.flowlens.runtime.inference;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a node's {@code device} parameter asks for: {@code auto} (a GPU when the engine sees one, else the
 * CPU), {@code cpu}, or {@code gpu0}, {@code gpu1}, … .
 */
public record DeviceChoice(Kind kind, int gpuIndex) {
    /** The values the inspector offers; any {@code gpuN} is accepted as well. */
    public static final List<String> CHOICES = List.of("auto", "cpu", "gpu0", "gpu1");
    public static final DeviceChoice AUTO = new DeviceChoice(Kind.AUTO, -1);
    public static final DeviceChoice CPU = new DeviceChoice(Kind.CPU, -1);

    private static final Pattern GPU = Pattern.compile("gpu(\\d{1,2})");

    public enum Kind { AUTO, CPU, GPU }

    public DeviceChoice {
        if ((kind == Kind.GPU) != (gpuIndex >= 0)) {
            throw new IllegalArgumentException("a GPU index goes with kind GPU only");
        }
    }

    public static DeviceChoice gpu(int index) {
        return new DeviceChoice(Kind.GPU, index);
    }

    /** Reads "auto", "cpu" or "gpuN" (case and spaces ignored); says what it expected otherwise. */
    public static DeviceChoice parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("auto")) {
            return AUTO;
        }
        if (t.equals("cpu")) {
            return CPU;
        }
        Matcher m = GPU.matcher(t);
        if (m.matches()) {
            return gpu(Integer.parseInt(m.group(1)));
        }
        throw new IllegalArgumentException("device must be auto, cpu or gpuN (gpu0, gpu1, …), got \"" + text + "\"");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AUTO -> "auto";
            case CPU -> "cpu";
            case GPU -> "gpu" + gpuIndex;
        };
    }
}
