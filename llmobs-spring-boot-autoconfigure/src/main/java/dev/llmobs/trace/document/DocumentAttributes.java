package dev.llmobs.trace.document;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import tools.jackson.databind.json.JsonMapper;

import dev.llmobs.json.LlmObsJson;

/**
 * Flattens documents into OpenInference's
 * {@code retrieval.documents.N.document.id|content|score|metadata} (zero-based), within
 * an attribute budget. Keys for the first documents are built once.
 */
public final class DocumentAttributes {

	private static final int CACHED = 64;

	private static final JsonMapper json = LlmObsJson.mapper();

	private static final Keys[] KEYS = new Keys[CACHED];

	static {
		for (int i = 0; i < CACHED; i++) {
			KEYS[i] = new Keys(i);
		}
	}

	private DocumentAttributes() {
	}

	/**
	 * Writes the documents' attributes.
	 * @param documents the documents
	 * @param builder receives the attributes
	 * @param contentTransformer redacts and truncates content
	 * @param attributeBudget the maximum number of attributes to write
	 * @return the number of documents written completely
	 */
	public static int write(List<RetrievedDocument> documents, AttributesBuilder builder,
			UnaryOperator<String> contentTransformer, int attributeBudget) {
		return write(documents, builder, contentTransformer, UnaryOperator.identity(), attributeBudget);
	}

	/**
	 * Writes the documents' attributes.
	 * @param documents the documents
	 * @param builder receives the attributes
	 * @param contentTransformer redacts and truncates content
	 * @param metadataTransformer redacts the metadata's JSON
	 * @param attributeBudget the maximum number of attributes to write
	 * @return the number of documents written completely
	 */
	public static int write(List<RetrievedDocument> documents, AttributesBuilder builder,
			UnaryOperator<String> contentTransformer, UnaryOperator<String> metadataTransformer, int attributeBudget) {
		int used = 0;
		int written = 0;
		for (int i = 0; i < documents.size(); i++) {
			RetrievedDocument document = documents.get(i);
			String content = (document.content() != null) ? contentTransformer.apply(document.content()) : null;
			String metadata = metadataJson(document.metadata());
			if (metadata != null) {
				metadata = metadataTransformer.apply(metadata);
			}
			int needed = count(document.id()) + count(content) + count(document.score()) + count(metadata);
			if (used + needed > attributeBudget) {
				break;
			}
			Keys keys = (i < CACHED) ? KEYS[i] : new Keys(i);
			if (document.id() != null) {
				builder.put(keys.id, document.id());
			}
			if (content != null) {
				builder.put(keys.content, content);
			}
			if (document.score() != null) {
				builder.put(keys.score, document.score());
			}
			if (metadata != null) {
				builder.put(keys.metadata, metadata);
			}
			used += needed;
			written++;
		}
		return written;
	}

	private static int count(Object value) {
		return (value != null) ? 1 : 0;
	}

	private static String metadataJson(Map<String, Object> metadata) {
		if (metadata == null || metadata.isEmpty()) {
			return null;
		}
		try {
			return json.writeValueAsString(metadata);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static final class Keys {

		final AttributeKey<String> id;

		final AttributeKey<String> content;

		final AttributeKey<Double> score;

		final AttributeKey<String> metadata;

		Keys(int index) {
			String prefix = "retrieval.documents." + index + ".document.";
			this.id = AttributeKey.stringKey(prefix + "id");
			this.content = AttributeKey.stringKey(prefix + "content");
			this.score = AttributeKey.doubleKey(prefix + "score");
			this.metadata = AttributeKey.stringKey(prefix + "metadata");
		}

	}

}
