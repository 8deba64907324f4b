package dev.flowlens.runtime.cli;

import dev.flowlens.runtime.api.RunEvent;
import dev.flowlens.runtime.api.RunEventJson;
import dev.flowlens.runtime.api.RunListener;
import java.io.PrintWriter;

/** {@code --events jsonl}: one JSON object per event and line, in {@link RunEventJson}'s documented shape. */
final class JsonLinesView implements RunListener {
    private final PrintWriter out;

    JsonLinesView(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onEvent(RunEvent event) {
        out.println(RunEventJson.line(event));
        out.flush();
    }
}
