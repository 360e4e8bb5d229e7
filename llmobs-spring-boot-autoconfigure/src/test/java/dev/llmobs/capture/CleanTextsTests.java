package dev.llmobs.capture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CleanTextsTests {

	@Test
	void aKeptTextIsFoundByAnEqualTextAndNotByOneSharingItsSample() {
		CleanTexts texts = new CleanTexts();
		String kept = "x".repeat(500) + "clean" + "y".repeat(500);
		String sameSample = "x".repeat(500) + "cLean" + "y".repeat(500);
		assertThat(TextKey.fingerprint(sameSample)).isEqualTo(TextKey.fingerprint(kept));
		texts.add(kept);
		assertThat(texts.contains(new String(kept.toCharArray()))).isTrue();
		assertThat(texts.contains(sameSample)).isFalse();
	}

}
