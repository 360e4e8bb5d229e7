/**
 * LangChain4j integration: LLM spans for chat models (through LangChain4j's
 * {@code ChatModelListener}), AGENT spans for AI Services, TOOL spans for tool
 * executions, RETRIEVER spans for content retrievers and embedding-store searches,
 * EMBEDDING spans for embedding models; written through the conventions.
 */
package dev.llmobs.langchain4j;
