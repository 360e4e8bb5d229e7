/**
 * Span creation for each LLM span kind and the attribute keys of the conventions
 * (OpenInference and OpenTelemetry GenAI), kept in one place.
 */
package dev.llmobs.trace;
