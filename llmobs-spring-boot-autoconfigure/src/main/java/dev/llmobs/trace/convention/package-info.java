/**
 * How an LLM span is written: one {@link dev.llmobs.trace.convention.LlmSpanConvention}
 * per attribute convention (OpenInference, OpenTelemetry GenAI, the newest GenAI opt-in),
 * which every span writer loops over.
 */
package dev.llmobs.trace.convention;
