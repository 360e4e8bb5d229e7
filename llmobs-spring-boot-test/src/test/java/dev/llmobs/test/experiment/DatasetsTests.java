package dev.llmobs.test.experiment;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading JSON Lines and CSV datasets, and the errors a malformed one gets.
 */
class DatasetsTests {

	@Test
	void jsonLinesGiveOneExamplePerNonBlankLine() {
		List<Example> examples = Datasets.read(new ClassPathResource("experiments/capitals.jsonl"));

		assertThat(examples).hasSize(6);
		assertThat(examples.get(0)).isEqualTo(new Example("fr", "What is the capital of France?", "Paris",
				List.of("geo-fr"), Map.of("continent", "europe")));
		assertThat(examples.get(5).metadata()).isEmpty();
	}

	@Test
	void csvSplitsExpectedIdsOnBarsAndKeepsOtherColumnsAsMetadata() {
		List<Example> examples = Datasets.read(new ClassPathResource("experiments/capitals.csv"));

		assertThat(examples).hasSize(2);
		assertThat(examples.get(1)).isEqualTo(new Example("pair", "Compare France and Spain, please", null,
				List.of("geo-fr", "geo-es"), Map.of("continent", "europe")));
	}

	@Test
	void anExampleWithoutIdIsNumberedByItsLine() {
		List<Example> examples = Datasets.read(jsonl("{\"input\": \"a\"}\n{\"input\": \"b\"}\n"));

		assertThat(examples).extracting(Example::id).containsExactly("1", "2");
	}

	@Test
	void aMalformedLineNamesItsNumber() {
		assertThatThrownBy(() -> Datasets.read(jsonl("{\"input\": \"a\"}\n{not json\n")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("dataset.jsonl line 2: not a JSON object");
	}

	@Test
	void aLineWithoutInputIsRejected() {
		assertThatThrownBy(() -> Datasets.read(jsonl("{\"id\": \"x\", \"expected_output\": \"y\"}\n")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("dataset.jsonl line 1: no 'input'");
	}

	@Test
	void aDuplicateIdIsRejected() {
		assertThatThrownBy(
				() -> Datasets.read(jsonl("{\"id\": \"x\", \"input\": \"a\"}\n{\"id\": \"x\", \"input\": \"b\"}")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("example id 'x' appears twice");
	}

	@Test
	void aMissingDatasetSaysWhichOne() {
		assertThatThrownBy(() -> Datasets.read(new ClassPathResource("experiments/nope.jsonl")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("nope.jsonl")
			.hasMessageContaining("does not exist");
	}

	private static Resource jsonl(String text) {
		return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)) {
			@Override
			public String getFilename() {
				return "dataset.jsonl";
			}
		};
	}

}
