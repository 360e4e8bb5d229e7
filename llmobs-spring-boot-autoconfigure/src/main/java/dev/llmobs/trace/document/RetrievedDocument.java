package dev.llmobs.trace.document;

import java.util.Map;

/**
 * One retrieved document, normalized. Any field may be {@code null}.
 *
 * @param id the document id
 * @param content the text
 * @param score the relevance score
 * @param metadata the metadata
 */
public record RetrievedDocument(String id, String content, Double score, Map<String, Object> metadata) {

}
