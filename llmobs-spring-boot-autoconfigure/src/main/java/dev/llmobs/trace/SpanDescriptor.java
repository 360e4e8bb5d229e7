package dev.llmobs.trace;

import dev.llmobs.prompt.PromptTemplateInfo;

import io.opentelemetry.api.common.Attributes;

/**
 * What is known about an instrumented method before it runs: computed once per method and
 * reused on every call, so the hot path does no reflection.
 *
 * @param kind the span kind
 * @param spanName the span name
 * @param attributes the attributes fixed for every call of the method, in the configured
 * conventions
 * @param captureInput whether arguments are recorded
 * @param captureOutput whether the return value is recorded
 * @param parameterNames the names of the captured parameters
 * @param parameterIndexes the positions of the captured parameters (parameters marked
 * {@code @NoCapture} are absent)
 * @param queryIndex the position of the retrieval query argument, or -1
 * @param identity provider, model, operation and description from the annotation
 * @param evaluation what {@code @Evaluated} asks for, or {@code null}
 * @param prompt the prompt template {@code @LlmPrompt} declares, or {@code null}
 */
public record SpanDescriptor(LlmSpanKind kind, String spanName, Attributes attributes, boolean captureInput,
		boolean captureOutput, String[] parameterNames, int[] parameterIndexes, int queryIndex, SpanIdentity identity,
		EvaluationSpec evaluation, PromptTemplateInfo prompt) {

}
