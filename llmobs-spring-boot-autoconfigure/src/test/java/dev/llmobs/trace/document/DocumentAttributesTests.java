package dev.llmobs.trace.document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentAttributesTests {

	private static final UnaryOperator<String> UNCHANGED = UnaryOperator.identity();

	private final AttributesBuilder builder = Attributes.builder();

	private static AttributeKey<String> string(int index, String field) {
		return AttributeKey.stringKey("retrieval.documents." + index + ".document." + field);
	}

	private static AttributeKey<Double> score(int index) {
		return AttributeKey.doubleKey("retrieval.documents." + index + ".document.score");
	}

	private static Map<String, Object> metadata() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("source", "kb");
		metadata.put("page", 3);
		return metadata;
	}

	@Test
	void idContentScoreAndMetadataAreWrittenUnderZeroBasedKeys() {
		List<RetrievedDocument> documents = List.of(new RetrievedDocument("a", "first", 0.5, metadata()),
				new RetrievedDocument("b", "second", 0.25, Map.of("k", "v")));
		int written = DocumentAttributes.write(documents, this.builder, UNCHANGED, 100);
		Attributes attributes = this.builder.build();
		assertThat(written).isEqualTo(2);
		assertThat(attributes.size()).isEqualTo(8);
		assertThat(attributes.get(string(0, "id"))).isEqualTo("a");
		assertThat(attributes.get(string(0, "content"))).isEqualTo("first");
		assertThat(attributes.get(score(0))).isEqualTo(0.5);
		assertThat(attributes.get(string(0, "metadata"))).isEqualTo("{\"source\":\"kb\",\"page\":3}");
		assertThat(attributes.get(string(1, "id"))).isEqualTo("b");
		assertThat(attributes.get(string(1, "content"))).isEqualTo("second");
		assertThat(attributes.get(score(1))).isEqualTo(0.25);
		assertThat(attributes.get(string(1, "metadata"))).isEqualTo("{\"k\":\"v\"}");
	}

	@Test
	void scoreIsTypedAsDoubleNotString() {
		DocumentAttributes.write(List.of(new RetrievedDocument(null, null, 0.75, null)), this.builder, UNCHANGED, 10);
		Attributes attributes = this.builder.build();
		assertThat(attributes.get(score(0))).isEqualTo(0.75);
		assertThat(attributes.get(string(0, "score"))).isNull();
		assertThat(attributes.asMap()).containsOnlyKeys(score(0));
		assertThat(attributes.asMap().keySet()).extracting(AttributeKey::getType)
			.containsExactly(io.opentelemetry.api.common.AttributeType.DOUBLE);
	}

	@Test
	void contentIsPassedThroughTheTransformer() {
		List<String> seen = new ArrayList<>();
		UnaryOperator<String> transformer = (content) -> {
			seen.add(content);
			return content.replace("secret", "[REDACTED:secret]");
		};
		DocumentAttributes.write(List.of(new RetrievedDocument("a", "my secret text", null, null)), this.builder,
				transformer, 10);
		assertThat(this.builder.build().get(string(0, "content"))).isEqualTo("my [REDACTED:secret] text");
		assertThat(seen).containsExactly("my secret text");
	}

	@Test
	void transformerReturningNullOmitsTheContent() {
		int written = DocumentAttributes.write(List.of(new RetrievedDocument("a", "text", null, null)), this.builder,
				(content) -> null, 10);
		Attributes attributes = this.builder.build();
		assertThat(written).isEqualTo(1);
		assertThat(attributes.get(string(0, "content"))).isNull();
		assertThat(attributes.get(string(0, "id"))).isEqualTo("a");
	}

	@Test
	void contentOmittedByTheTransformerDoesNotUseTheBudget() {
		List<RetrievedDocument> documents = List.of(new RetrievedDocument("a", "first", null, null),
				new RetrievedDocument("b", "second", null, null));
		int written = DocumentAttributes.write(documents, this.builder, (content) -> null, 2);
		assertThat(written).isEqualTo(2);
		assertThat(this.builder.build().asMap()).containsOnlyKeys(string(0, "id"), string(1, "id"));
	}

	@Test
	void metadataThatFailsToSerializeIsSkipped() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("self", metadata);
		int written = DocumentAttributes.write(List.of(new RetrievedDocument("a", "text", null, metadata)),
				this.builder, UNCHANGED, 10);
		assertThat(written).isEqualTo(1);
		assertThat(this.builder.build().asMap()).containsOnlyKeys(string(0, "id"), string(0, "content"));
	}

	@Test
	void nullFieldsAndEmptyMetadataAreNotWritten() {
		int written = DocumentAttributes.write(List.of(new RetrievedDocument(null, "only content", null, Map.of())),
				this.builder, UNCHANGED, 10);
		Attributes attributes = this.builder.build();
		assertThat(written).isEqualTo(1);
		assertThat(attributes.asMap()).containsOnlyKeys(string(0, "content"));
	}

	@Test
	void writingStopsAtTheAttributeBudgetAndReturnsTheDocumentsWritten() {
		List<RetrievedDocument> documents = List.of(new RetrievedDocument("a", "first", 0.5, Map.of("k", "v")),
				new RetrievedDocument("b", "second", 0.25, null));
		int written = DocumentAttributes.write(documents, this.builder, UNCHANGED, 5);
		Attributes attributes = this.builder.build();
		assertThat(written).isEqualTo(1);
		assertThat(attributes.size()).isEqualTo(4);
		assertThat(attributes.get(string(1, "id"))).isNull();
	}

	@Test
	void budgetExactlyFittingAllDocumentsWritesThemAll() {
		List<RetrievedDocument> documents = List.of(new RetrievedDocument("a", "first", 0.5, Map.of("k", "v")),
				new RetrievedDocument("b", "second", 0.25, null));
		assertThat(DocumentAttributes.write(documents, this.builder, UNCHANGED, 7)).isEqualTo(2);
		assertThat(this.builder.build().size()).isEqualTo(7);
	}

	@Test
	void documentThatDoesNotFitIsNotWrittenPartially() {
		List<RetrievedDocument> documents = List.of(new RetrievedDocument("a", "first", 0.5, Map.of("k", "v")),
				new RetrievedDocument("b", null, null, null));
		assertThat(DocumentAttributes.write(documents, this.builder, UNCHANGED, 3)).isZero();
		assertThat(this.builder.build().isEmpty()).isTrue();
	}

	@Test
	void emptyListWritesNothing() {
		assertThat(DocumentAttributes.write(List.of(), this.builder, UNCHANGED, 10)).isZero();
		assertThat(this.builder.build().isEmpty()).isTrue();
	}

	@Test
	void documentsBeyondTheCachedKeysUseTheirOwnIndex() {
		List<RetrievedDocument> documents = new ArrayList<>();
		for (int i = 0; i < 70; i++) {
			documents.add(new RetrievedDocument("id-" + i, null, (double) i, null));
		}
		assertThat(DocumentAttributes.write(documents, this.builder, UNCHANGED, 1000)).isEqualTo(70);
		Attributes attributes = this.builder.build();
		assertThat(attributes.get(string(69, "id"))).isEqualTo("id-69");
		assertThat(attributes.get(score(69))).isEqualTo(69.0);
		assertThat(attributes.get(string(63, "id"))).isEqualTo("id-63");
		assertThat(attributes.size()).isEqualTo(140);
	}

}
