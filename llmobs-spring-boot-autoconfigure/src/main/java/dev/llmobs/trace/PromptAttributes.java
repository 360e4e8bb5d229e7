package dev.llmobs.trace;

import io.opentelemetry.api.trace.Span;

import dev.llmobs.capture.CapturedContent;
import dev.llmobs.capture.ContentCapture;
import dev.llmobs.prompt.PromptTemplateInfo;

/**
 * Writes the prompt template in use on an LLM span: the id ({@code gen_ai.prompt.name}),
 * version, hash, and, subject to the capture settings, redaction and limits, the template
 * text and the variables as JSON.
 */
public final class PromptAttributes {

	private PromptAttributes() {
	}

	/**
	 * Writes a template's attributes.
	 * @param span the LLM span
	 * @param prompt the template, possibly {@code null}
	 * @param capture the capture for template text and variables
	 * @param captureInputs whether inputs are recorded at all
	 */
	public static void write(Span span, PromptTemplateInfo prompt, ContentCapture capture, boolean captureInputs) {
		if (prompt == null || !span.isRecording()) {
			return;
		}
		if (!prompt.id().isEmpty()) {
			span.setAttribute(LlmObsAttributes.GEN_AI_PROMPT_NAME, prompt.id());
		}
		if (!prompt.version().isEmpty()) {
			span.setAttribute(LlmObsAttributes.LLM_PROMPT_TEMPLATE_VERSION, prompt.version());
		}
		if (prompt.hash() != null) {
			span.setAttribute(LlmObsAttributes.LLMOBS_PROMPT_HASH, prompt.hash());
		}
		if (!captureInputs) {
			return;
		}
		if (!prompt.template().isEmpty()) {
			String template = capture.captureText(prompt.template());
			if (template != null) {
				span.setAttribute(LlmObsAttributes.LLM_PROMPT_TEMPLATE_TEMPLATE, template);
			}
		}
		if (!prompt.variables().isEmpty()) {
			CapturedContent variables = capture.capture(prompt.variables());
			if (variables != null) {
				span.setAttribute(LlmObsAttributes.LLM_PROMPT_TEMPLATE_VARIABLES, variables.text());
			}
		}
	}

}
