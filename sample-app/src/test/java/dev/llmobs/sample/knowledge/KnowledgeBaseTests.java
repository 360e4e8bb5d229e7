package dev.llmobs.sample.knowledge;

import org.apache.lucene.search.BooleanQuery;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KnowledgeBaseTests {

	private final KnowledgeBase knowledgeBase = new KnowledgeBase();

	@Test
	void questionFindsTheArticleAboutIt() {
		assertThat(this.knowledgeBase.search("How do I get a refund for my Pro subscription?", 3)).isNotEmpty()
			.first()
			.satisfies((article) -> assertThat(article.id()).isEqualTo("kb-06"));
	}

	@Test
	void queryOfAHugeQuestionHoldsABoundedNumberOfTerms() throws Exception {
		StringBuilder huge = new StringBuilder();
		for (int i = 0; huge.length() < 5 * 1024 * 1024; i++) {
			huge.append("refund").append(i).append(' ');
		}
		BooleanQuery query = (BooleanQuery) this.knowledgeBase.query(huge.toString());
		assertThat(query.clauses()).hasSizeLessThanOrEqualTo(2 * KnowledgeBase.MAX_TERMS);
		assertThat(this.knowledgeBase.search(huge.toString(), 3)).isNotNull();
	}

	@Test
	void repeatedWordsBecomeOneTerm() throws Exception {
		BooleanQuery query = (BooleanQuery) this.knowledgeBase.query("refund refund refund refunds");
		// title and content, for the one stemmed term
		assertThat(query.clauses()).hasSize(2);
	}

}
