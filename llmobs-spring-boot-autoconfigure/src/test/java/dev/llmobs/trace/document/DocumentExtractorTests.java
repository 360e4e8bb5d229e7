package dev.llmobs.trace.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.ai.document.Document;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentExtractorTests {

	private final DocumentExtractor extractor = new DocumentExtractor(List.of(), 3);

	record Article(String id, String content, double score) {
	}

	public static class Chunk {

		public String getText() {
			return "chunk text";
		}

		public Float getSimilarity() {
			return 0.5f;
		}

		public String getId() {
			throw new IllegalStateException("lazy");
		}

	}

	record Custom(String key, String body) {
	}

	@Test
	void springAiDocumentsAreMapped() {
		Document document = Document.builder()
			.id("d1")
			.text("Refunds take 5 days.")
			.score(0.8)
			.metadata("source", "kb")
			.build();
		assertThat(this.extractor.extract(List.of(document)).documents())
			.containsExactly(new RetrievedDocument("d1", "Refunds take 5 days.", 0.8, Map.of("source", "kb")));
	}

	@Test
	void recordsBeansMapsAndStringsAreMapped() {
		List<Object> mixed = List.of(new Article("a1", "text a", 0.9), new Chunk(),
				Map.of("id", 7, "page_content", "from map", "score", 1));
		assertThat(this.extractor.extract(mixed).documents()).containsExactly(
				new RetrievedDocument("a1", "text a", 0.9, null), new RetrievedDocument(null, "chunk text", 0.5, null),
				new RetrievedDocument("7", "from map", 1.0, null));
		assertThat(this.extractor.extract(new String[] { "plain" }).documents())
			.containsExactly(new RetrievedDocument(null, "plain", null, null));
	}

	@Test
	void customMapperTakesPrecedence() {
		DocumentExtractor custom = new DocumentExtractor(List.of((candidate) -> (candidate instanceof Custom c)
				? new RetrievedDocument(c.key(), c.body().toUpperCase(), null, null) : null), 3);
		assertThat(custom.extract(List.of(new Custom("k", "body"))).documents())
			.containsExactly(new RetrievedDocument("k", "BODY", null, null));
	}

	@Test
	void documentsBeyondTheCapAreCounted() {
		List<String> many = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			many.add("doc " + i);
		}
		DocumentExtractor.Extraction fromList = this.extractor.extract(many);
		assertThat(fromList.documents()).hasSize(3);
		assertThat(fromList.dropped()).isEqualTo(7);
		assertThat(this.extractor.extract(many.toArray()).dropped()).isEqualTo(7);
	}

	@Test
	void optionalNullAndStreamsAreHandledWithoutConsuming() {
		assertThat(this.extractor.extract(Optional.of(new Article("o", "opt", 0.1))).documents()).hasSize(1);
		assertThat(this.extractor.extract(null).documents()).isEmpty();
		Stream<String> stream = Stream.of("a", "b");
		assertThat(this.extractor.extract(stream).documents()).isEmpty();
		assertThat(stream.toList()).containsExactly("a", "b");
	}

	@Test
	void langChain4jMatchesAreMappedReflectively() {
		dev.langchain4j.data.segment.TextSegment segment = new dev.langchain4j.data.segment.TextSegment("segment text",
				Map.of("file", "faq.md"));
		Object match = new dev.langchain4j.store.embedding.EmbeddingMatch(0.77, "emb-1", segment);
		assertThat(this.extractor.extract(List.of(match)).documents())
			.containsExactly(new RetrievedDocument("emb-1", "segment text", 0.77, Map.of("file", "faq.md")));
	}

	@Test
	void attributesAreFlattenedTypedAndBudgeted() {
		List<RetrievedDocument> documents = List.of(new RetrievedDocument("a", "first", 0.5, Map.of("k", "v")),
				new RetrievedDocument("b", "second", 0.25, null));
		AttributesBuilder builder = Attributes.builder();
		int written = DocumentAttributes.write(documents, builder, String::toUpperCase, 100);
		Attributes attributes = builder.build();
		assertThat(written).isEqualTo(2);
		assertThat(attributes.get(AttributeKey.stringKey("retrieval.documents.0.document.id"))).isEqualTo("a");
		assertThat(attributes.get(AttributeKey.stringKey("retrieval.documents.0.document.content"))).isEqualTo("FIRST");
		assertThat(attributes.get(AttributeKey.doubleKey("retrieval.documents.1.document.score"))).isEqualTo(0.25);
		assertThat(attributes.get(AttributeKey.stringKey("retrieval.documents.0.document.metadata")))
			.isEqualTo("{\"k\":\"v\"}");
		AttributesBuilder small = Attributes.builder();
		assertThat(DocumentAttributes.write(documents, small, String::toString, 5)).isEqualTo(1);
		assertThat(small.build().size()).isEqualTo(4);
	}

}
