package dev.llmobs.context;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.opentelemetry.api.trace.Span;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the chain accumulator keeps of the documents retrieved under one trace.
 */
class ChainAccumulatorTests {

	private final ChainAccumulator accumulator = new ChainAccumulator(Span.getInvalid());

	@Test
	void documentsAreKeptInOrderWithoutNulls() {
		this.accumulator.addDocuments(Arrays.asList("first", null, "second"));
		this.accumulator.addDocuments(List.of("third"));

		assertThat(this.accumulator.documents()).containsExactly("first", "second", "third");
	}

	@Test
	void documentsStopAtFiftyAcrossBatches() {
		List<String> batch = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			batch.add("doc " + i);
		}
		this.accumulator.addDocuments(batch);
		this.accumulator.addDocuments(batch);
		this.accumulator.addDocuments(batch);

		assertThat(this.accumulator.documents()).hasSize(50);
		assertThat(this.accumulator.documents().get(29)).isEqualTo("doc 29");
		assertThat(this.accumulator.documents().get(30)).isEqualTo("doc 0");
		assertThat(this.accumulator.documents().get(49)).isEqualTo("doc 19");
	}

}
