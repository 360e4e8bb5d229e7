package dev.llmobs.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.llmobs.capture.ContentCaptureTests.RecordingListener;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureMemoTests {

	private final RecordingListener listener = new RecordingListener();

	private final ContentCapture capture = capture(4000);

	private final CaptureMemo memo = new CaptureMemo();

	private ContentCapture capture(int maxLength) {
		return new ContentCapture(new CaptureOptions(CaptureMode.FULL, maxLength,
				Redactor.of(Set.of(RedactionKind.SECRETS, RedactionKind.EMAILS), List.of())), this.listener);
	}

	@Test
	void anImmutableRecordCapturedTwiceInATraceIsCapturedOnce() {
		Prompt prompt = new Prompt("You answer from the articles.", "How do I reset my password?");
		CapturedContent first = this.capture.capture(prompt, this.memo);
		CapturedContent second = this.capture.capture(prompt, this.memo);
		assertThat(first.text())
			.isEqualTo("{\"system\":\"You answer from the articles.\",\"user\":\"How do I reset my password?\"}");
		assertThat(second).isSameAs(first);
	}

	@Test
	void anEqualButDistinctValueIsCapturedAgain() {
		CapturedContent first = this.capture.capture(new Prompt("a", "b"), this.memo);
		CapturedContent second = this.capture.capture(new Prompt("a", "b"), this.memo);
		assertThat(second).isEqualTo(first).isNotSameAs(first);
	}

	@Test
	void theSameTextCapturedTwiceGivesTheSameCapture() {
		String answer = "Choose Forgot password on the sign-in page.";
		CapturedContent first = this.capture.capture(answer, this.memo);
		assertThat(this.capture.captureText(answer, this.memo)).isSameAs(first.text());
		assertThat(first).isEqualTo(new CapturedContent(answer, CapturedContent.TEXT, false));
	}

	@Test
	void aMutableValueMutatedBetweenCapturesIsCapturedAsItIsEachTime() {
		List<String> articles = new ArrayList<>(List.of("kb-01"));
		Holder holder = new Holder(articles);
		assertThat(this.capture.capture(holder, this.memo).text()).isEqualTo("{\"articles\":[\"kb-01\"]}");
		articles.add("kb-02");
		assertThat(this.capture.capture(holder, this.memo).text()).isEqualTo("{\"articles\":[\"kb-01\",\"kb-02\"]}");
		assertThat(this.capture.capture(articles, this.memo).text()).isEqualTo("[\"kb-01\",\"kb-02\"]");
		articles.add("kb-03");
		assertThat(this.capture.capture(articles, this.memo).text()).isEqualTo("[\"kb-01\",\"kb-02\",\"kb-03\"]");
	}

	@Test
	void aValueWithSomethingRedactedIsScannedAndCountedEachTime() {
		Prompt prompt = new Prompt("Reply to ann@example.com", "hi");
		CapturedContent first = this.capture.capture(prompt, this.memo);
		CapturedContent second = this.capture.capture(prompt, this.memo);
		assertThat(first.text()).contains("[REDACTED:email]").doesNotContain("ann@example.com");
		assertThat(second).isEqualTo(first).isNotSameAs(first);
		assertThat(this.listener.redactions).containsExactly(RedactionKind.EMAILS, RedactionKind.EMAILS);
	}

	@Test
	void aTruncatedValueIsCutAndCountedEachTime() {
		ContentCapture small = capture(10);
		String text = "0123456789abcdef";
		CapturedContent first = small.capture(text, this.memo);
		assertThat(small.capture(text, this.memo)).isEqualTo(first).isNotSameAs(first);
		assertThat(first.truncated()).isTrue();
		assertThat(this.listener.truncations).isEqualTo(2);
	}

	@Test
	void capturesWithOtherSettingsDoNotShareTheMemo() {
		String text = "0123456789abcdef";
		CapturedContent whole = this.capture.capture(text, this.memo);
		CapturedContent cut = capture(10).capture(text, this.memo);
		assertThat(whole.truncated()).isFalse();
		assertThat(cut.truncated()).isTrue();
	}

	@Test
	void withoutAMemoEveryCaptureIsMadeAgain() {
		Prompt prompt = new Prompt("a", "b");
		assertThat(this.capture.capture(prompt, null)).isNotSameAs(this.capture.capture(prompt, null));
	}

	@Test
	void theMemoKeepsTheLatestCapturesOnly() {
		Prompt first = new Prompt("first", "");
		CapturedContent captured = this.capture.capture(first, this.memo);
		for (int i = 0; i < 8; i++) {
			this.capture.capture(new Prompt("other " + i, ""), this.memo);
		}
		assertThat(this.capture.capture(first, this.memo)).isEqualTo(captured).isNotSameAs(captured);
	}

	@Test
	void aRecurringCleanTextIsScannedOnceAndReturnedWhole() {
		String article = "On the sign-in page choose Forgot password and enter your account email.";
		assertThat(this.capture.remembersAsClean(article)).isFalse();
		assertThat(this.capture.captureRecurringText(article)).isSameAs(article);
		assertThat(this.capture.remembersAsClean(new String(article.toCharArray()))).isTrue();
		String again = new String(article.toCharArray());
		assertThat(this.capture.captureRecurringText(again)).isSameAs(again);
	}

	@Test
	void aRecurringTextWithASecretIsRedactedAndCountedEachTime() {
		String article = "Write to ann@example.com for a refund.";
		assertThat(this.capture.captureRecurringText(article)).isEqualTo("Write to [REDACTED:email] for a refund.");
		assertThat(this.capture.captureRecurringText(article)).isEqualTo("Write to [REDACTED:email] for a refund.");
		assertThat(this.capture.remembersAsClean(article)).isFalse();
		assertThat(this.listener.redactions).containsExactly(RedactionKind.EMAILS, RedactionKind.EMAILS);
	}

	@Test
	void aRecurringTextLongerThanTheLimitIsCutEachTime() {
		ContentCapture small = capture(10);
		assertThat(small.captureRecurringText("0123456789abcdef")).isEqualTo("0123456789\u2026[truncated 6 chars]");
		assertThat(small.captureRecurringText("0123456789abcdef")).isEqualTo("0123456789\u2026[truncated 6 chars]");
		assertThat(this.listener.truncations).isEqualTo(2);
	}

	@Test
	void aRecurringTextFarBeyondTheLimitIsRememberedByWhatIsScannedAndCutTheSameEachTime() {
		ContentCapture small = capture(10);
		String article = "Refunds take five days. ".repeat(20);
		String first = small.captureRecurringText(article);
		assertThat(first).isEqualTo("Refunds ta\u2026[truncated " + (article.length() - 10) + " chars]");
		assertThat(small.remembersAsClean(article.substring(0, 10 + ContentCapture.LOOKAHEAD))).isTrue();
		assertThat(small.captureRecurringText(article)).isEqualTo(first);
		assertThat(this.listener.truncations).isEqualTo(2);
	}

	@Test
	void recurringTextsInHashModeAreHashed() {
		ContentCapture hashing = new ContentCapture(
				new CaptureOptions(CaptureMode.HASH, 4000, Redactor.of(Set.of(RedactionKind.SECRETS), List.of())),
				this.listener);
		assertThat(hashing.captureRecurringText("hello")).startsWith("sha256:");
	}

	@Test
	void cleanTextsStayBounded() {
		CleanTexts texts = new CleanTexts();
		for (int i = 0; i <= CleanTexts.MAX_TEXTS; i++) {
			texts.add("text " + i);
		}
		assertThat(texts.contains("text " + CleanTexts.MAX_TEXTS)).isTrue();
		assertThat(texts.contains("text 0")).isFalse();
	}

	@Test
	void aCleanCaptureSeenTwiceIsRememberedAndAnyOtherIsNot() {
		Holder articles = new Holder(List.of("Refunds take five days.", "Reset links last 30 minutes."));
		String json = "{\"articles\":[\"Refunds take five days.\",\"Reset links last 30 minutes.\"]}";
		assertThat(this.capture.capture(articles).text()).isEqualTo(json);
		assertThat(this.capture.remembersAsClean(json)).as("seen once").isFalse();
		assertThat(this.capture.capture(new Holder(List.copyOf(articles.articles()))).text()).isEqualTo(json);
		assertThat(this.capture.remembersAsClean(json)).as("seen twice").isTrue();
		assertThat(this.capture.capture(articles).text()).isEqualTo(json);
		assertThat(this.capture.captureText("What is the refund policy?")).isEqualTo("What is the refund policy?");
		assertThat(this.capture.remembersAsClean("What is the refund policy?")).isFalse();
	}

	@Test
	void aCaptureWithASecretIsNeverRememberedAndIsCountedEachTime() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.capture.capture(new Prompt("Mail ann@example.com", "")).text())
				.isEqualTo("{\"system\":\"Mail [REDACTED:email]\",\"user\":\"\"}");
		}
		assertThat(this.capture.remembersAsClean("{\"system\":\"Mail ann@example.com\",\"user\":\"\"}")).isFalse();
		assertThat(this.listener.redactions).containsExactly(RedactionKind.EMAILS, RedactionKind.EMAILS,
				RedactionKind.EMAILS);
	}

	@Test
	void aTextThatDiffersFromARememberedOneOnlyWhereItIsNotSampledIsStillScanned() {
		String clean = "x".repeat(995) + " write to support via the form " + "y".repeat(1000);
		String secret = "x".repeat(995) + " write to ann@example.com form " + "y".repeat(1000);
		assertThat(CleanTexts.fingerprint(secret)).as("same sampled characters")
			.isEqualTo(CleanTexts.fingerprint(clean));
		this.capture.captureRecurringText(clean);
		assertThat(this.capture.remembersAsClean(clean)).isTrue();
		assertThat(this.capture.remembersAsClean(secret)).isFalse();
		assertThat(this.capture.captureRecurringText(secret)).contains("write to [REDACTED:email] form")
			.doesNotContain("ann@example.com");
		assertThat(this.listener.redactions).containsExactly(RedactionKind.EMAILS);
	}

	@Test
	void textsSeenOnceAreToldApartByTheirWholeTextNotTheirSample() {
		String first = "{\"question\":\"" + "a".repeat(10) + "\",\"articles\":\"" + "z".repeat(3000) + "\"}";
		String second = "{\"question\":\"" + "b".repeat(10) + "\",\"articles\":\"" + "z".repeat(3000) + "\"}";
		assertThat(CleanTexts.fingerprint(second)).isEqualTo(CleanTexts.fingerprint(first));
		this.capture.captureText(first, CapturedContent.JSON);
		this.capture.captureText(second, CapturedContent.JSON);
		assertThat(this.capture.remembersAsClean(first)).as("each seen once").isFalse();
		assertThat(this.capture.remembersAsClean(second)).as("each seen once").isFalse();
	}

	@Test
	void aRememberedCaptureIsStillCutAtTheLimitEachTime() {
		ContentCapture small = capture(10);
		for (int i = 0; i < 3; i++) {
			assertThat(small.captureText("0123456789abcdef")).isEqualTo("0123456789\u2026[truncated 6 chars]");
		}
		assertThat(small.remembersAsClean("0123456789abcdef")).isTrue();
		assertThat(this.listener.truncations).isEqualTo(3);
	}

	@Test
	void cleanTextsStayWithinTheirCharacterBudget() {
		CleanTexts texts = new CleanTexts();
		String large = "x".repeat((int) (CleanTexts.MAX_CHARS / 4) - 1);
		for (int i = 0; i < 4; i++) {
			texts.add(large + i);
		}
		assertThat(texts.contains(large + 0)).isTrue();
		texts.add(large + 4);
		assertThat(texts.contains(large + 0)).isFalse();
		assertThat(texts.contains(large + 4)).isTrue();
		String tooLarge = "y".repeat((int) CleanTexts.MAX_CHARS + 1);
		texts.add(tooLarge);
		assertThat(texts.contains(tooLarge)).isFalse();
		assertThat(texts.contains(large + 4)).isTrue();
	}

	record Prompt(String system, String user) {
	}

	record Holder(List<String> articles) {
	}

}
