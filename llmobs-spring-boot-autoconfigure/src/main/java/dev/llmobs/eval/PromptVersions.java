package dev.llmobs.eval;

import io.opentelemetry.context.Context;

import dev.llmobs.context.ChainAccumulator;
import dev.llmobs.context.LlmObsContext;
import dev.llmobs.prompt.PromptTemplateInfo;

/**
 * Which prompt version an evaluation belongs to: that of the latest model call under the
 * evaluated root, else the template declared where the evaluation is recorded.
 */
final class PromptVersions {

	private PromptVersions() {
	}

	static String current(ChainAccumulator traceState) {
		ChainAccumulator state = (traceState != null) ? traceState : ChainAccumulator.from(Context.current());
		PromptTemplateInfo prompt = (state != null) ? state.prompt() : null;
		if (prompt == null) {
			prompt = LlmObsContext.current().prompt();
		}
		return (prompt != null) ? prompt.version() : null;
	}

}
