package dev.flowlens.runtime.cli;

import picocli.CommandLine.Command;

/** {@code flowlens vlm …}: tools for vision-language model endpoints. */
@Command(name = "vlm", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Checks vision-language model endpoints (OpenAI-compatible servers such as vLLM, Ollama, Z.ai).",
        subcommands = VlmCheckCommand.class)
public final class VlmCommand {
}
