package dev.llmobs.trace.document;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Normalizes a retriever's result into at most {@code maxDocuments} documents:
 * collections, arrays, {@code Optional}s and single documents. Streams, iterators and
 * other iterables (which may be readable only once) are never read. The given
 * {@link DocumentMapper}s (the application's, then the framework integrations', such as
 * Spring AI's) are consulted first, then maps, plain text, and records, beans and
 * LangChain4j matches and segments. A mapper that throws is skipped.
 */
public final class DocumentExtractor {

	private final List<DocumentMapper> mappers;

	private final int maxDocuments;

	/**
	 * Creates an extractor.
	 * @param mappers the application's mappers, then the framework integrations',
	 * consulted in this order before the built-in ones
	 * @param maxDocuments the maximum number of documents kept
	 */
	public DocumentExtractor(List<DocumentMapper> mappers, int maxDocuments) {
		List<DocumentMapper> all = new ArrayList<>(mappers);
		all.add(DocumentExtractor::mapMap);
		all.add(DocumentExtractor::mapText);
		all.add(new PropertyDocumentMapper());
		this.mappers = List.copyOf(all);
		this.maxDocuments = maxDocuments;
	}

	/**
	 * Extracts the documents of a retriever's result.
	 * @param result the return value
	 * @return the documents kept and the number dropped
	 */
	public Extraction extract(Object result) {
		Object value = (result instanceof Optional<?> optional) ? optional.orElse(null) : result;
		if (value == null) {
			return new Extraction(List.of(), 0);
		}
		List<RetrievedDocument> documents = new ArrayList<>();
		int dropped = 0;
		if (value instanceof Collection<?> collection) {
			for (Object element : collection) {
				if (documents.size() == this.maxDocuments) {
					break;
				}
				documents.add(map(element));
			}
			dropped = collection.size() - documents.size();
		}
		else if (value.getClass().isArray()) {
			int length = Array.getLength(value);
			for (int i = 0; i < Math.min(length, this.maxDocuments); i++) {
				documents.add(map(Array.get(value, i)));
			}
			dropped = Math.max(0, length - this.maxDocuments);
		}
		else if (value instanceof Iterable<?> || value instanceof java.util.stream.BaseStream<?, ?>
				|| value instanceof java.util.Iterator<?>) {
			// Other iterables may be one-shot: reading them would take the caller's
			// result.
			return new Extraction(List.of(), 0);
		}
		else if (this.maxDocuments > 0) {
			documents.add(map(value));
		}
		else {
			dropped = 1;
		}
		return new Extraction(List.copyOf(documents), dropped);
	}

	private RetrievedDocument map(Object element) {
		if (element == null) {
			return new RetrievedDocument(null, null, null, null);
		}
		for (DocumentMapper mapper : this.mappers) {
			RetrievedDocument document = mapSafely(mapper, element);
			if (document != null) {
				return document;
			}
		}
		return new RetrievedDocument(null, element.getClass().isRecord() ? element.toString()
				: "[unmapped: " + element.getClass().getSimpleName() + "]", null, null);
	}

	private static RetrievedDocument mapSafely(DocumentMapper mapper, Object element) {
		try {
			return mapper.map(element);
		}
		catch (RuntimeException ex) {
			// a failing mapper does not fail the retriever's call; try the next one
			return null;
		}
	}

	private static RetrievedDocument mapText(Object candidate) {
		return (candidate instanceof CharSequence text) ? new RetrievedDocument(null, text.toString(), null, null)
				: null;
	}

	private static RetrievedDocument mapMap(Object candidate) {
		if (!(candidate instanceof Map<?, ?> map)) {
			return null;
		}
		Object id = map.get("id");
		Object content = firstOf(map, "content", "text", "page_content");
		Object score = map.get("score");
		return new RetrievedDocument((id != null) ? String.valueOf(id) : null,
				(content != null) ? String.valueOf(content) : null,
				(score instanceof Number number) ? number.doubleValue() : null,
				PropertyDocumentMapper.metadataOf(map.get("metadata")));
	}

	private static Object firstOf(Map<?, ?> map, String... keys) {
		for (String key : keys) {
			Object value = map.get(key);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	/**
	 * The documents kept and how many were dropped by the cap.
	 *
	 * @param documents the documents kept
	 * @param dropped the number dropped
	 */
	public record Extraction(List<RetrievedDocument> documents, int dropped) {

	}

}
