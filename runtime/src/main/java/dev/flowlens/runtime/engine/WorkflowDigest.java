package dev.flowlens.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.runtime.api.RunInfo;
import dev.flowlens.runtime.api.RunRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit identity of a run: the SHA-256 of the workflow file's bytes as they are when the run starts (so the
 * hash matches {@code sha256sum} of the file), and the format version written in it. A workflow that came from no
 * file (the app's unsaved canvas, an API call) is hashed as the JSON the codec writes for it.
 */
public final class WorkflowDigest {
    /** Every node of this runtime computes on the CPU; a GPU-backed model runtime reports its own device. */
    static final String DEVICE = "cpu";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WorkflowDigest() {
    }

    static RunInfo of(String runId, RunRequest request) {
        byte[] bytes = null;
        if (request.workflowFile() != null) {
            try {
                bytes = Files.readAllBytes(request.workflowFile());
            } catch (IOException e) {
                bytes = null; // the file went away after it was read: hash what ran instead
            }
        }
        if (bytes == null) {
            bytes = WorkflowCodec.write(request.workflow()).getBytes(StandardCharsets.UTF_8);
        }
        return new RunInfo(runId, sha256(bytes), formatVersion(bytes), DEVICE, java.util.Map.of());
    }

    private static int formatVersion(byte[] json) {
        try {
            JsonNode v = MAPPER.readTree(json).get("formatVersion");
            return v != null && v.canConvertToInt() ? v.intValue() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Lower-case hex SHA-256. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
