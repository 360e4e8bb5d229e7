/**
 * Spring AI integration: enriches the spans of Spring AI's own chat model, embedding
 * model and vector store observations with OpenInference and GenAI attributes, messages,
 * documents, usage and cost, and keeps one token meter.
 */
package dev.llmobs.springai;
