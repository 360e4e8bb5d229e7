package dev.llmobs.test.experiment;

import java.util.List;
import java.util.Map;

/**
 * One example of a dataset.
 *
 * @param id the example id, unique in its dataset
 * @param input the input given to the application (the question)
 * @param expectedOutput the reference answer, or {@code null}
 * @param expectedDocumentIds the ids of the documents the retriever should return, empty
 * when not judged
 * @param metadata anything else the dataset carries for this example
 */
public record Example(String id, String input, String expectedOutput, List<String> expectedDocumentIds,
		Map<String, Object> metadata) {

	/**
	 * Creates an example; {@code null} lists and maps become empty.
	 * @param id the example id
	 * @param input the input
	 * @param expectedOutput the reference answer, or {@code null}
	 * @param expectedDocumentIds the expected document ids
	 * @param metadata the metadata
	 */
	public Example {
		expectedDocumentIds = (expectedDocumentIds != null) ? List.copyOf(expectedDocumentIds) : List.of();
		metadata = (metadata != null) ? Map.copyOf(metadata) : Map.of();
	}

	/**
	 * An example with only an id and an input.
	 * @param id the example id
	 * @param input the input
	 * @return the example
	 */
	public static Example of(String id, String input) {
		return new Example(id, input, null, List.of(), Map.of());
	}

}
