package dev.llmobs.trace.document;

import org.springframework.ai.document.Document;

/**
 * Maps Spring AI's {@link Document}. Only instantiated when Spring AI is on the
 * classpath.
 */
final class SpringAiDocumentMapper implements DocumentMapper {

	@Override
	public RetrievedDocument map(Object candidate) {
		if (!(candidate instanceof Document document)) {
			return null;
		}
		return new RetrievedDocument(document.getId(), document.getText(), document.getScore(), document.getMetadata());
	}

}
