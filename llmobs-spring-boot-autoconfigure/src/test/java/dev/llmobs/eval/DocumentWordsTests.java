package dev.llmobs.eval;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentWordsTests {

	private final DocumentWords documents = new DocumentWords();

	@Test
	void aRecurringDocumentIsReadOnceAndGivesTheSameWords() {
		String article = "Refunds are processed within five business days of receiving the item.";
		Set<String> first = this.documents.wordsOf(article);
		assertThat(first).isEqualTo(ContentWords.of(article));
		assertThat(this.documents.wordsOf(new String(article))).isSameAs(first);
		assertThat(this.documents.size()).isEqualTo(1);
	}

	@Test
	void removesTheWordsADocumentContains() {
		Set<String> unseen = new HashSet<>(Set.of("refunds", "five", "lisbon"));
		this.documents.removeFrom(unseen, "Refunds take five days.");
		assertThat(unseen).containsExactly("lisbon");
		this.documents.removeFrom(unseen, null);
		assertThat(unseen).containsExactly("lisbon");
	}

	@Test
	void longDocumentsAreReadEachTimeAndNotKept() {
		String tail = " refund".repeat(DocumentWords.MAX_LENGTH);
		String longDocument = "policy" + tail;
		Set<String> unseen = new HashSet<>(Set.of("policy", "refund", "warranty"));
		this.documents.removeFrom(unseen, longDocument);
		assertThat(unseen).containsExactly("warranty");
		assertThat(this.documents.size()).isZero();
	}

	@Test
	void staysBoundedWhenDocumentsDoNotRecur() {
		for (int i = 0; i < DocumentWords.MAX_DOCUMENTS * 3; i++) {
			this.documents.wordsOf("document number " + i + " about refunds");
			assertThat(this.documents.size()).isLessThanOrEqualTo(DocumentWords.MAX_DOCUMENTS);
		}
		assertThat(this.documents.wordsOf("document number 9999 about refunds")).contains("9999", "refunds");
	}

}
