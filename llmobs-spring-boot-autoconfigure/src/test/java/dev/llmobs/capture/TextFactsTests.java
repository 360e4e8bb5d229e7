package dev.llmobs.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TextFactsTests {

	@ParameterizedTest
	@ValueSource(strings = { "key", "the TOKEN", "a sEcReT", "PassWord", "x_api_Key=1", "Tok\u00e9n token" })
	void secretNamesAreFoundAtEitherEndAndInAnyCase(String text) {
		assertThat(new TextFacts(text).hasSecretName()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "k", "ke, toke, secre, pass w", "K E Y", "Where is my order?" })
	void textWithoutSecretNamesHasNone(String text) {
		assertThat(new TextFacts(text).hasSecretName()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "my PIN is", "Passcode", "the API key", "auth token", "a token", "KEY" })
	void secretWordsOfProseAreFoundInAnyCase(String text) {
		assertThat(new TextFacts(text).hasSecretWord()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Where is my order?", "p i n", "the refund arrived" })
	void textWithoutSecretWordsHasNone(String text) {
		assertThat(new TextFacts(text).hasSecretWord()).isFalse();
	}

	@Test
	void bearerIsFoundInAnyCase() {
		assertThat(new TextFacts("Authorization: BeArEr x").hasBearer()).isTrue();
		assertThat(new TextFacts("bear with me, bearer").hasBearer()).isTrue();
		assertThat(new TextFacts("bear er").hasBearer()).isFalse();
	}

	@Test
	void digitsAreCountedAnywhereUpToTheMostAnyDetectorWants() {
		assertThat(new TextFacts("4111 1111 1111 1111").hasDigits(13)).isTrue();
		assertThat(new TextFacts("0 1 2 3 4 5 6 7 8 9 0 1 2").hasDigits(13)).isTrue();
		assertThat(new TextFacts("0 1 2 3 4 5 6 7 8 9 0 1").hasDigits(13)).isFalse();
		assertThat(new TextFacts("0 1 2 3 4 5 6 7 8 9 0 1").hasDigits(12)).isTrue();
		assertThat(new TextFacts("no digits here").hasDigits(1)).isFalse();
		assertThat(TextFacts.countDigits("9".repeat(1_000), TextFacts.MOST_DIGITS_WANTED))
			.isEqualTo(TextFacts.MOST_DIGITS_WANTED);
	}

	@Test
	void wordStartsAreEveryOccurrenceInAnyCaseInOrder() {
		TextFacts facts = new TextFacts("Passport, PASSWORD and passcode; bypass it");
		assertThat(facts.starts(new TextFacts.AnchoredWord("pass", 0))).containsExactly(0, 10, 23, 35);
		// anchored on its 'w': found only where the whole word is
		assertThat(facts.starts(new TextFacts.AnchoredWord("passw", 4))).containsExactly(10);
		assertThat(facts.starts(new TextFacts.AnchoredWord("pin", 0))).isEmpty();
	}

	@Test
	void wordStartsAreLearnedOncePerWordAndText() {
		TextFacts facts = new TextFacts("the key, the KEY");
		int[] first = facts.starts(new TextFacts.AnchoredWord("key", 0));
		assertThat(first).containsExactly(4, 13);
		assertThat(facts.starts(new TextFacts.AnchoredWord("key", 0))).isSameAs(first);
	}

}
