package dev.flowlens.runtime.cli;

import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.json.WorkflowFormatException;
import dev.flowlens.core.model.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Reads a workflow file for a command; every failure becomes one line and exit code 2. */
public final class WorkflowFiles {
    /** Jackson quotes the document in its locations; the message already says where, so keep only line and column. */
    private static final Pattern QUOTED_SOURCE = Pattern.compile("\\[Source: .*?; (line: \\d+, column: \\d+)\\]",
            Pattern.DOTALL);

    private WorkflowFiles() {
    }

    public static Workflow read(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserError(file + ": is a folder; expected a workflow .json file", FlowLensCli.EXIT_INVALID);
        }
        try {
            return WorkflowCodec.read(file);
        } catch (WorkflowFormatException e) {
            throw new UserError(oneLine(e.getMessage()), FlowLensCli.EXIT_INVALID);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file", FlowLensCli.EXIT_INVALID);
        } catch (IOException e) {
            throw new UserError(file + ": cannot be read: " + e.getMessage(), FlowLensCli.EXIT_INVALID);
        }
    }

    static String oneLine(String message) {
        return QUOTED_SOURCE.matcher(message).replaceAll("$1").replaceAll("\\s*\\R\\s*", " ");
    }
}
