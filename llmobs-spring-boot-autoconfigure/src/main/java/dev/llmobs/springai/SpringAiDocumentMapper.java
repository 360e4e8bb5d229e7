package dev.llmobs.springai;

import org.springframework.ai.document.Document;

import dev.llmobs.trace.document.DocumentMapper;
import dev.llmobs.trace.document.RetrievedDocument;

/**
 * Maps Spring AI's {@link Document}. Only instantiated when Spring AI is on the
 * classpath.
 */
public final class SpringAiDocumentMapper implements DocumentMapper {

	@Override
	public RetrievedDocument map(Object candidate) {
		if (!(candidate instanceof Document document)) {
			return null;
		}
		return new RetrievedDocument(document.getId(), document.getText(), document.getScore(), document.getMetadata());
	}

}
