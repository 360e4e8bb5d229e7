/**
 * Span creation for each LLM span kind, the model-call recorder, and the attribute keys
 * of the conventions (OpenInference and OpenTelemetry GenAI), kept in one place.
 */
package dev.llmobs.trace;
