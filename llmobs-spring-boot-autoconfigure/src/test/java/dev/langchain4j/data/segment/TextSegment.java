package dev.langchain4j.data.segment;

import java.util.Map;

/**
 * Stands in for LangChain4j's text segment (same package, class and accessor names), so
 * the reflective mapping is tested without the library.
 */
public class TextSegment {

	private final String text;

	private final Metadata metadata;

	public TextSegment(String text, Map<String, Object> metadata) {
		this.text = text;
		this.metadata = new Metadata(metadata);
	}

	public String text() {
		return this.text;
	}

	public Metadata metadata() {
		return this.metadata;
	}

	/**
	 * Stands in for LangChain4j's metadata.
	 */
	public static class Metadata {

		private final Map<String, Object> values;

		Metadata(Map<String, Object> values) {
			this.values = values;
		}

		public Map<String, Object> toMap() {
			return this.values;
		}

	}

}
