package dev.llmobs.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentWordsTests {

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{3,}");

	/** The definition: lower-case, then runs of three or more letters or numbers. */
	private static Set<String> byRegex(String text) {
		Set<String> words = new HashSet<>();
		Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
		while (matcher.find()) {
			words.add(matcher.group());
		}
		words.removeAll(ContentWords.STOPWORDS);
		return words;
	}

	@Test
	void wordsAreLowerCasedRunsOfThreeOrMoreLettersOrNumbersWithoutStopWords() {
		assertThat(ContentWords.of("The Refund, for 30 days: REFUNDS x2 r\u00e9sum\u00e9 2024 and-you"))
			.containsExactlyInAnyOrder("refund", "days", "refunds", "r\u00e9sum\u00e9", "2024");
		assertThat(ContentWords.of(null)).isEmpty();
		assertThat(ContentWords.of("")).isEmpty();
	}

	@Test
	void agreesWithTheRegularExpressionOnMixedScriptsAndNumbers() {
		String[] pieces = { "abc", "AbC", "ab", " ", ",", "-", "\u00e9t\u00e9", "\u4e2d\u6587\u5b57",
				"\uD835\uDC00\uD835\uDC01x", "\u00b2\u00b3", "\u216b\u216c", "123", "12", "the", "THE", "\u0130stanbul",
				"\u00df", "_", "\u0301" };
		Random random = new Random(3);
		for (int sample = 0; sample < 5_000; sample++) {
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < 1 + random.nextInt(10); i++) {
				text.append(pieces[random.nextInt(pieces.length)]);
			}
			assertThat(ContentWords.of(text.toString())).as("words of %s", text).isEqualTo(byRegex(text.toString()));
		}
	}

	@Test
	void readingStopsWhenTheActionSaysSo() {
		List<String> seen = new ArrayList<>();
		ContentWords.forEach("alpha beta gamma delta", (word) -> seen.add(word) && seen.size() < 2);
		assertThat(seen).containsExactly("alpha", "beta");
	}

}
