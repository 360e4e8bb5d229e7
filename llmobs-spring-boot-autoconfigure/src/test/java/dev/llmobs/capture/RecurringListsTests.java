package dev.llmobs.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.llmobs.capture.ContentCaptureTests.RecordingListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A list of immutable values met in two captures of one trace (the retrieved articles in
 * a task's arguments and in the chain's answer) is written once, and only while it still
 * holds the same elements.
 */
class RecurringListsTests {

	private static final AtomicInteger contentReads = new AtomicInteger();

	private static final String[] NAMES = { "question", "articles" };

	private final RecordingListener listener = new RecordingListener();

	private final ContentCapture capture = capture(4000);

	private final CaptureMemo memo = new CaptureMemo();

	private ContentCapture capture(int maxLength) {
		return new ContentCapture(new CaptureOptions(CaptureMode.FULL, maxLength,
				Redactor.of(Set.of(RedactionKind.SECRETS, RedactionKind.EMAILS), List.of())), this.listener);
	}

	private static List<Article> articles() {
		List<Article> articles = new ArrayList<>();
		articles.add(new Article("kb-01", "Choose Forgot password on the sign-in page.", 0.5));
		articles.add(new Article("kb-02", "Invoices are under Billing.", 0.25));
		return articles;
	}

	@Test
	void aListMetAgainInTheSameTraceIsWrittenOnce() {
		List<Article> articles = articles();
		contentReads.set(0);

		CapturedContent arguments = this.capture.captureNamed(NAMES, new Object[] { "reset?", articles }, this.memo);
		CapturedContent answer = this.capture.capture(new Answer("Use the link.", articles), this.memo);

		String json = "[{\"id\":\"kb-01\",\"content\":\"Choose Forgot password on the sign-in page.\",\"score\":0.5},"
				+ "{\"id\":\"kb-02\",\"content\":\"Invoices are under Billing.\",\"score\":0.25}]";
		assertThat(arguments.text()).isEqualTo("{\"question\":\"reset?\",\"articles\":" + json + "}");
		assertThat(answer.text()).isEqualTo("{\"answer\":\"Use the link.\",\"sources\":" + json + "}");
		assertThat(contentReads).hasValue(2);
	}

	@Test
	void withoutAMemoTheListIsWrittenEachTimeAndReadsTheSame() {
		List<Article> articles = articles();
		CapturedContent remembered = this.capture.captureNamed(NAMES, new Object[] { "q", articles }, this.memo);
		contentReads.set(0);

		CapturedContent plain = this.capture.captureNamed(NAMES, new Object[] { "q", articles });
		this.capture.capture(new Answer("a", articles));

		assertThat(plain).isEqualTo(remembered);
		assertThat(contentReads).hasValue(4);
	}

	@Test
	void aListWhoseElementsChangedIsWrittenAsItIsNow() {
		List<Article> articles = articles();
		this.capture.captureNamed(NAMES, new Object[] { "q", articles }, this.memo);
		articles.set(1, new Article("kb-03", "Plans change at the end of the month.", 0.75));
		articles.add(new Article("kb-04", "Refunds take five days.", 0.125));

		String answer = this.capture.capture(new Answer("a", articles), this.memo).text();

		assertThat(answer).contains("kb-01", "kb-03", "kb-04").doesNotContain("kb-02");
	}

	@Test
	void aListOfChangeableElementsIsWrittenEachTime() {
		Note note = new Note();
		note.text = "before";
		List<Note> notes = List.of(note);
		this.capture.capture(new Notes(notes), this.memo);
		note.text = "after";

		assertThat(this.capture.capture(new Notes(notes), this.memo).text())
			.isEqualTo("{\"notes\":[{\"text\":\"after\"}]}");
	}

	@Test
	void whatTheListHoldsIsRedactedInEveryCapture() {
		List<Article> articles = List.of(new Article("kb-01", "Write to ann@example.com", 1.0));
		CapturedContent arguments = this.capture.captureNamed(NAMES, new Object[] { "q", articles }, this.memo);
		CapturedContent answer = this.capture.capture(new Answer("a", articles), this.memo);

		assertThat(arguments.text()).contains("[REDACTED:email]").doesNotContain("ann@example.com");
		assertThat(answer.text()).contains("[REDACTED:email]").doesNotContain("ann@example.com");
		assertThat(this.listener.redactions).containsExactly(RedactionKind.EMAILS, RedactionKind.EMAILS);
	}

	@Test
	void aListLongerThanTheLimitIsCutAsWithoutAMemo() {
		ContentCapture small = capture(60);
		List<Article> articles = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			articles.add(new Article("kb-" + i, "x".repeat(200), i));
		}
		CapturedContent plain = small.captureNamed(NAMES, new Object[] { "q", articles });
		CapturedContent remembered = small.captureNamed(NAMES, new Object[] { "q", articles }, this.memo);
		CapturedContent again = small.capture(new Answer("a", articles), this.memo);

		assertThat(remembered).isEqualTo(plain);
		assertThat(remembered.truncated()).isTrue();
		assertThat(again.truncated()).isTrue();
		assertThat(again.text()).startsWith("{\"answer\":\"a\",\"sources\":[{\"id\":\"kb-0\",\"content\":\"xxx");
	}

	@Test
	void aCaptureNestedInAnotherWritesItsListsIntoItsOwnText() {
		List<Article> articles = articles();
		ContentCapture hashing = new ContentCapture(new CaptureOptions(CaptureMode.HASH, 4000, Redactor.none()),
				CaptureListener.NONE);
		Nested nested = new Nested(articles, hashing, this.capture);

		JsonNode outer = JsonMapper.builder().build().readTree(this.capture.capture(nested, this.memo).text());

		String json = this.capture.capture(articles).text();
		assertThat(outer.get("sources").toString()).isEqualTo(json);
		assertThat(outer.get("plain").asString()).isEqualTo(json);
		assertThat(outer.get("hashed").asString()).isEqualTo(hashing.capture(articles).text()).startsWith("sha256:");
	}

	/** A bean whose getters capture the list it also holds, while it is captured. */
	static final class Nested {

		private final List<Article> sources;

		private final ContentCapture hashing;

		private final ContentCapture plain;

		Nested(List<Article> sources, ContentCapture hashing, ContentCapture plain) {
			this.sources = sources;
			this.hashing = hashing;
			this.plain = plain;
		}

		public List<Article> getSources() {
			return this.sources;
		}

		public String getHashed() {
			return this.hashing.capture(this.sources).text();
		}

		public String getPlain() {
			return this.plain.capture(this.sources).text();
		}

	}

	record Article(String id, String content, double score) {

		@Override
		public String content() {
			contentReads.incrementAndGet();
			return this.content;
		}

	}

	record Answer(String answer, List<Article> sources) {
	}

	record Notes(List<Note> notes) {
	}

	static final class Note {

		public String text;

	}

}
