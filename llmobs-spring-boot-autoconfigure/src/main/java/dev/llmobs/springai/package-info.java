/**
 * Spring AI integration: enriches the spans of Spring AI's own ChatClient, advisor, tool
 * calling, chat model, embedding model and vector store observations with OpenInference
 * and GenAI attributes (agent turns, tools, messages, documents, usage and cost), meters
 * tool executions and keeps one token meter.
 */
package dev.llmobs.springai;
