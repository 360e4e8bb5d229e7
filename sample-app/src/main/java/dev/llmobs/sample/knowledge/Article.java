package dev.llmobs.sample.knowledge;

/**
 * A help-center article, with the relevance score of a search hit.
 *
 * @param id the article id
 * @param title the title
 * @param content the text
 * @param score the BM25 score, 0 when not from a search
 */
public record Article(String id, String title, String content, double score) {

}
