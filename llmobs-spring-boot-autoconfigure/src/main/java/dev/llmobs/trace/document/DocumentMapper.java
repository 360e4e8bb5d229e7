package dev.llmobs.trace.document;

/**
 * Maps an application's own document type. Declare beans of this type; they are consulted
 * before the built-in mappings, in order.
 */
@FunctionalInterface
public interface DocumentMapper {

	/**
	 * Maps one element of a retriever's result.
	 * @param candidate the element
	 * @return the document, or {@code null} when this mapper does not handle the element
	 */
	RetrievedDocument map(Object candidate);

}
