package dev.flowlens.core.json;

/**
 * A workflow file that cannot be read: broken JSON, a wrong value, or a format from a newer FlowLens. Carries
 * where the problem is (line and column from 1, or 0 when unknown; the JSON pointer of the value) so the
 * message can say it in one line.
 */
public final class WorkflowFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;
    private final int column;
    private final String pointer;
    private final String problem;

    public WorkflowFormatException(String source, int line, int column, String pointer, String problem) {
        super(format(source, line, column, pointer, problem));
        this.source = source;
        this.line = line;
        this.column = column;
        this.pointer = pointer == null ? "" : pointer;
        this.problem = problem;
    }

    private static String format(String source, int line, int column, String pointer, String problem) {
        StringBuilder sb = new StringBuilder(source == null || source.isEmpty() ? "workflow" : source);
        if (line > 0) {
            sb.append(" line ").append(line).append(", column ").append(column);
        }
        if (pointer != null && !pointer.isEmpty()) {
            sb.append(" (at ").append(pointer).append(')');
        }
        return sb.append(": ").append(problem).toString();
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The JSON pointer of the offending value, such as {@code /nodes/2/params/width}; empty when unknown. */
    public String pointer() {
        return pointer;
    }

    /** The message without the location. */
    public String problem() {
        return problem;
    }
}
