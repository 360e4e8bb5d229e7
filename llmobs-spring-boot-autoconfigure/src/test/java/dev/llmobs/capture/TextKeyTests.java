package dev.llmobs.capture;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextKeyTests {

	@Test
	void everySampledCharacterChangesTheFingerprint() {
		for (int length : new int[] { 129, 580, 1001, 4099 }) {
			String text = "q".repeat(length);
			int step = length / TextKey.SAMPLED;
			List<Integer> sampled = new ArrayList<>();
			for (int i = 0; i < length; i += step) {
				sampled.add(i);
			}
			for (int i = length - TextKey.SAMPLED; i < length; i++) {
				sampled.add(i);
			}
			for (int position : sampled) {
				String changed = text.substring(0, position) + "r" + text.substring(position + 1);
				assertThat(TextKey.fingerprint(changed)).as("length %d, position %d", length, position)
					.isNotEqualTo(TextKey.fingerprint(text));
			}
		}
	}

	@Test
	void theLengthChangesTheFingerprint() {
		assertThat(TextKey.fingerprint("q".repeat(1000))).isNotEqualTo(TextKey.fingerprint("q".repeat(1001)));
	}

	@Test
	void aShortTextIsHashedWhole() {
		String text = "x".repeat(2 * TextKey.SAMPLED);
		assertThat(TextKey.fingerprint(text)).isEqualTo(text.hashCode());
	}

	@Test
	void keysAreEqualOnlyWhenTheirWholeTextsAre() {
		String text = "x".repeat(500) + "clean" + "y".repeat(500);
		String sameSample = "x".repeat(500) + "cLean" + "y".repeat(500);
		assertThat(new TextKey(sameSample)).hasSameHashCodeAs(new TextKey(text)).isNotEqualTo(new TextKey(text));
		assertThat(new TextKey(new String(text.toCharArray()))).isEqualTo(new TextKey(text));
	}

}
