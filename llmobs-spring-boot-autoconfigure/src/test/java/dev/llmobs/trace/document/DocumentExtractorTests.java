package dev.llmobs.trace.document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import org.junit.jupiter.api.Test;

import org.springframework.ai.document.Document;

import dev.llmobs.springai.SpringAiDocumentMapper;
import static org.assertj.core.api.Assertions.assertThat;

class DocumentExtractorTests {

	private final DocumentExtractor extractor = new DocumentExtractor(List.of(new SpringAiDocumentMapper()), 3);

	private static List<String> numbered(int count) {
		List<String> documents = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			documents.add("doc " + i);
		}
		return documents;
	}

	@Test
	void springAiDocumentIsMappedWithIdTextScoreAndMetadata() {
		Document document = Document.builder()
			.id("d1")
			.text("Refunds take 5 days.")
			.score(0.8)
			.metadata("source", "kb")
			.build();
		DocumentExtractor.Extraction extraction = this.extractor.extract(List.of(document));
		assertThat(extraction.documents())
			.containsExactly(new RetrievedDocument("d1", "Refunds take 5 days.", 0.8, Map.of("source", "kb")));
		assertThat(extraction.dropped()).isZero();
	}

	@Test
	void recordWithIdContentAndScoreIsMapped() {
		assertThat(this.extractor.extract(List.of(new Article("a1", "text a", 0.9))).documents())
			.containsExactly(new RetrievedDocument("a1", "text a", 0.9, null));
	}

	@Test
	void recordWithMetadataMapIsMapped() {
		Passage passage = new Passage("p1", "body", Map.of("page", 3));
		assertThat(this.extractor.extract(passage).documents())
			.containsExactly(new RetrievedDocument("p1", "body", null, Map.of("page", 3)));
	}

	@Test
	void beanWithTextAndSimilarityGettersIsMapped() {
		assertThat(this.extractor.extract(List.of(new Chunk("chunk text", 0.5f))).documents())
			.containsExactly(new RetrievedDocument(null, "chunk text", 0.5, null));
	}

	@Test
	void mapWithPageContentIsMapped() {
		Map<String, Object> map = Map.of("id", 7, "page_content", "from map", "score", 1, "metadata",
				Map.of("file", "a.pdf"));
		assertThat(this.extractor.extract(List.of(map)).documents())
			.containsExactly(new RetrievedDocument("7", "from map", 1.0, Map.of("file", "a.pdf")));
	}

	@Test
	void mapPrefersContentOverTextOverPageContent() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("page_content", "third");
		map.put("text", "second");
		map.put("content", "first");
		assertThat(this.extractor.extract(map).documents()).extracting(RetrievedDocument::content)
			.containsExactly("first");
		map.remove("content");
		assertThat(this.extractor.extract(map).documents()).extracting(RetrievedDocument::content)
			.containsExactly("second");
	}

	@Test
	void mapWithNonNumericScoreHasNoScore() {
		assertThat(this.extractor.extract(Map.of("text", "t", "score", "high")).documents())
			.containsExactly(new RetrievedDocument(null, "t", null, null));
	}

	@Test
	void plainStringsBecomeContentOnlyDocuments() {
		assertThat(this.extractor.extract(List.of("one", new StringBuilder("two"))).documents()).containsExactly(
				new RetrievedDocument(null, "one", null, null), new RetrievedDocument(null, "two", null, null));
		assertThat(this.extractor.extract("single").documents())
			.containsExactly(new RetrievedDocument(null, "single", null, null));
	}

	@Test
	void arrayElementsAreMapped() {
		Object[] array = { "plain", new Article("a", "text", 0.1) };
		assertThat(this.extractor.extract(array).documents()).containsExactly(
				new RetrievedDocument(null, "plain", null, null), new RetrievedDocument("a", "text", 0.1, null));
	}

	@Test
	void optionalIsUnwrapped() {
		assertThat(this.extractor.extract(Optional.of(new Article("o", "opt", 0.1))).documents())
			.containsExactly(new RetrievedDocument("o", "opt", 0.1, null));
		assertThat(this.extractor.extract(Optional.empty()).documents()).isEmpty();
	}

	@Test
	void nullResultGivesNoDocuments() {
		DocumentExtractor.Extraction extraction = this.extractor.extract(null);
		assertThat(extraction.documents()).isEmpty();
		assertThat(extraction.dropped()).isZero();
	}

	@Test
	void nullElementBecomesAnEmptyDocument() {
		assertThat(this.extractor.extract(Arrays.asList("a", null)).documents()).containsExactly(
				new RetrievedDocument(null, "a", null, null), new RetrievedDocument(null, null, null, null));
	}

	@Test
	void listBeyondMaxDocumentsKeepsTheFirstAndCountsTheDropped() {
		DocumentExtractor.Extraction extraction = this.extractor.extract(numbered(10));
		assertThat(extraction.documents()).extracting(RetrievedDocument::content)
			.containsExactly("doc 0", "doc 1", "doc 2");
		assertThat(extraction.dropped()).isEqualTo(7);
	}

	@Test
	void arrayBeyondMaxDocumentsKeepsTheFirstAndCountsTheDropped() {
		DocumentExtractor.Extraction extraction = this.extractor.extract(numbered(10).toArray(new String[0]));
		assertThat(extraction.documents()).extracting(RetrievedDocument::content)
			.containsExactly("doc 0", "doc 1", "doc 2");
		assertThat(extraction.dropped()).isEqualTo(7);
	}

	@Test
	void oneShotIterableIsNeverRead() {
		java.util.Iterator<String> source = numbered(5).iterator();
		Iterable<String> oneShot = () -> source;
		DocumentExtractor.Extraction extraction = this.extractor.extract(oneShot);
		assertThat(extraction.documents()).isEmpty();
		assertThat(source).toIterable().hasSize(5);
	}

	@Test
	void listWithinMaxDocumentsDropsNothing() {
		DocumentExtractor.Extraction extraction = this.extractor.extract(numbered(3));
		assertThat(extraction.documents()).hasSize(3);
		assertThat(extraction.dropped()).isZero();
	}

	@Test
	void customMapperTakesPrecedenceOverBuiltInMappings() {
		DocumentMapper mapper = (candidate) -> (candidate instanceof Article article)
				? new RetrievedDocument("custom-" + article.id(), article.content().toUpperCase(), null, null) : null;
		DocumentExtractor custom = new DocumentExtractor(List.of(mapper), 3);
		assertThat(custom.extract(List.of(new Article("a1", "text", 0.9))).documents())
			.containsExactly(new RetrievedDocument("custom-a1", "TEXT", null, null));
	}

	@Test
	void customMapperTakesPrecedenceOverSpringAiMapping() {
		DocumentMapper mapper = (candidate) -> (candidate instanceof Document)
				? new RetrievedDocument("mine", "mine", null, null) : null;
		Document document = Document.builder().id("d1").text("spring").build();
		assertThat(new DocumentExtractor(List.of(mapper), 3).extract(document).documents())
			.containsExactly(new RetrievedDocument("mine", "mine", null, null));
	}

	@Test
	void customMapperTakesPrecedenceOverPlainTextMapping() {
		DocumentMapper mapper = (candidate) -> (candidate instanceof String text)
				? new RetrievedDocument(text, "custom", null, null) : null;
		assertThat(new DocumentExtractor(List.of(mapper), 3).extract(List.of("k1")).documents())
			.containsExactly(new RetrievedDocument("k1", "custom", null, null));
	}

	@Test
	void customMapperThatThrowsFallsBackToBuiltInMappings() {
		DocumentMapper failing = (candidate) -> {
			throw new IllegalStateException("boom");
		};
		assertThat(new DocumentExtractor(List.of(failing), 3).extract(new Article("a1", "text", 0.9)).documents())
			.containsExactly(new RetrievedDocument("a1", "text", 0.9, null));
	}

	@Test
	void customMapperReturningNullFallsBackToBuiltInMappings() {
		DocumentExtractor custom = new DocumentExtractor(List.of((candidate) -> null), 3);
		assertThat(custom.extract(new Article("a1", "text", 0.9)).documents())
			.containsExactly(new RetrievedDocument("a1", "text", 0.9, null));
	}

	@Test
	void getterThatThrowsDoesNotFailExtraction() {
		assertThat(this.extractor.extract(List.of(new LazyChunk())).documents())
			.containsExactly(new RetrievedDocument(null, "loaded text", null, null));
	}

	@Test
	void contentGetterThatThrowsLeavesContentEmpty() {
		assertThat(this.extractor.extract(new BrokenContent()).documents())
			.containsExactly(new RetrievedDocument("b1", null, null, null));
	}

	@Test
	void streamResultIsNotConsumed() {
		Stream<String> stream = Stream.of("a", "b");
		DocumentExtractor.Extraction extraction = this.extractor.extract(stream);
		assertThat(extraction.documents()).isEmpty();
		assertThat(extraction.dropped()).isZero();
		assertThat(stream.toList()).containsExactly("a", "b");
	}

	@Test
	void iteratorResultIsNotConsumed() {
		Iterator<String> iterator = List.of("a", "b").iterator();
		assertThat(this.extractor.extract(iterator).documents()).isEmpty();
		assertThat(iterator.next()).isEqualTo("a");
	}

	@Test
	void langChain4jEmbeddingMatchIsMappedWithItsSegment() {
		TextSegment segment = TextSegment.from("segment text", Metadata.from(Map.of("file", "faq.md")));
		EmbeddingMatch<TextSegment> match = new EmbeddingMatch<>(0.77, "emb-1", null, segment);
		assertThat(this.extractor.extract(List.of(match)).documents())
			.containsExactly(new RetrievedDocument("emb-1", "segment text", 0.77, Map.of("file", "faq.md")));
	}

	@Test
	void langChain4jTextSegmentIsMappedWithItsMetadata() {
		TextSegment segment = TextSegment.from("segment text", Metadata.from(Map.of("file", "faq.md")));
		assertThat(this.extractor.extract(segment).documents())
			.containsExactly(new RetrievedDocument(null, "segment text", null, Map.of("file", "faq.md")));
	}

	@Test
	void langChain4jMatchWithAZeroScoreKeepsIt() {
		EmbeddingMatch<TextSegment> match = new EmbeddingMatch<>(0.0, "emb-2", null, TextSegment.from("t"));
		assertThat(this.extractor.extract(match).documents())
			.containsExactly(new RetrievedDocument("emb-2", "t", 0.0, Map.of()));
	}

	@Test
	void recordWithoutContentFallsBackToItsToString() {
		Unrelated unrelated = new Unrelated("k");
		assertThat(this.extractor.extract(unrelated).documents())
			.containsExactly(new RetrievedDocument(null, unrelated.toString(), null, null));
	}

	@Test
	void beanWithoutContentIsMarkedUnmapped() {
		assertThat(this.extractor.extract(new Object()).documents())
			.containsExactly(new RetrievedDocument(null, "[unmapped: Object]", null, null));
	}

	@Test
	void zeroMaxDocumentsKeepsNothing() {
		DocumentExtractor none = new DocumentExtractor(List.of(), 0);
		DocumentExtractor.Extraction single = none.extract("single");
		assertThat(single.documents()).isEmpty();
		assertThat(single.dropped()).isEqualTo(1);
		DocumentExtractor.Extraction extraction = none.extract(List.of("a", "b"));
		assertThat(extraction.documents()).isEmpty();
		assertThat(extraction.dropped()).isEqualTo(2);
	}

	record Article(String id, String content, double score) {
	}

	record Passage(String documentId, String pageContent, Map<String, Object> metadata) {
	}

	record Unrelated(String key) {
	}

	public static class Chunk {

		private final String text;

		private final Float similarity;

		Chunk(String text, Float similarity) {
			this.text = text;
			this.similarity = similarity;
		}

		public String getText() {
			return this.text;
		}

		public Float getSimilarity() {
			return this.similarity;
		}

	}

	public static class LazyChunk {

		public String getText() {
			return "loaded text";
		}

		public String getId() {
			throw new IllegalStateException("lazy");
		}

		public Double getScore() {
			throw new IllegalStateException("lazy");
		}

		public Map<String, Object> getMetadata() {
			throw new IllegalStateException("lazy");
		}

	}

	public static class BrokenContent {

		public String getId() {
			return "b1";
		}

		public String getContent() {
			throw new IllegalStateException("detached");
		}

	}

}
