/**
 * LLM observability for Spring Boot: the programmatic entry point {@code LlmObs}.
 */
package dev.llmobs;
