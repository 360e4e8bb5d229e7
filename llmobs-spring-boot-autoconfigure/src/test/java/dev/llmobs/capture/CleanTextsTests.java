package dev.llmobs.capture;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CleanTextsTests {

	@Test
	void everySampledCharacterChangesTheFingerprint() {
		for (int length : new int[] { 129, 580, 1001, 4099 }) {
			String text = "q".repeat(length);
			int step = length / CleanTexts.SAMPLED;
			List<Integer> sampled = new ArrayList<>();
			for (int i = 0; i < length; i += step) {
				sampled.add(i);
			}
			for (int i = length - CleanTexts.SAMPLED; i < length; i++) {
				sampled.add(i);
			}
			for (int position : sampled) {
				String changed = text.substring(0, position) + "r" + text.substring(position + 1);
				assertThat(CleanTexts.fingerprint(changed)).as("length %d, position %d", length, position)
					.isNotEqualTo(CleanTexts.fingerprint(text));
			}
		}
	}

	@Test
	void theLengthChangesTheFingerprint() {
		assertThat(CleanTexts.fingerprint("q".repeat(1000))).isNotEqualTo(CleanTexts.fingerprint("q".repeat(1001)));
	}

	@Test
	void aShortTextIsHashedWhole() {
		String text = "x".repeat(2 * CleanTexts.SAMPLED);
		assertThat(CleanTexts.fingerprint(text)).isEqualTo(text.hashCode());
	}

	@Test
	void aKeptTextIsFoundByAnEqualTextAndNotByOneSharingItsSample() {
		CleanTexts texts = new CleanTexts();
		String kept = "x".repeat(500) + "clean" + "y".repeat(500);
		String sameSample = "x".repeat(500) + "cLean" + "y".repeat(500);
		assertThat(CleanTexts.fingerprint(sameSample)).isEqualTo(CleanTexts.fingerprint(kept));
		texts.add(kept);
		assertThat(texts.contains(new String(kept.toCharArray()))).isTrue();
		assertThat(texts.contains(sameSample)).isFalse();
	}

}
