package dev.langchain4j.store.embedding;

import dev.langchain4j.data.segment.TextSegment;

/**
 * Stands in for LangChain4j's embedding match (same package, class and accessor names).
 */
public class EmbeddingMatch {

	private final Double score;

	private final String embeddingId;

	private final TextSegment embedded;

	public EmbeddingMatch(Double score, String embeddingId, TextSegment embedded) {
		this.score = score;
		this.embeddingId = embeddingId;
		this.embedded = embedded;
	}

	public Double score() {
		return this.score;
	}

	public String embeddingId() {
		return this.embeddingId;
	}

	public TextSegment embedded() {
		return this.embedded;
	}

}
