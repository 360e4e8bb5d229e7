/**
 * Normalizing retriever results (Spring AI, LangChain4j, records, beans, maps, strings)
 * into documents and flattening them into {@code retrieval.documents.N.document.*}
 * attributes.
 */
package dev.llmobs.trace.document;
