package dev.llmobs.capture;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DigestWriterTests {

	private static String expected(String text) {
		try {
			return "sha256:" + HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hashOf(String text) {
		DigestWriter writer = new DigestWriter(text.length());
		writer.writeAll(text);
		return writer.hash();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "ascii only", "R\u00e9sum\u00e9 \u00f1", "\u20ac \u4e2d\u6587 \uffff",
			"emoji \uD83D\uDE00 pair", "lone high \uD800 then text", "lone low \uDC00 here", "ends high \uD83D",
			"\uD83D\uD83D\uDE00 two highs", "\uDE00\uD83D reversed" })
	void encodesAsTheJdkDoes(String text) {
		assertThat(hashOf(text)).isEqualTo(expected(text));
	}

	@Test
	void longTextStartingWithAsciiIsDigestedInSlicesThatKeepSurrogatePairsWhole() {
		// the pair straddles the 8,192-character slice boundary
		String text = "a".repeat(8191) + "\uD83D\uDE00" + "caf\u00e9 \u4e2d".repeat(3000) + "\uD800";
		assertThat(hashOf(text)).isEqualTo(expected(text));
	}

	@Test
	void surrogatePairSplitAcrossTwoWritesIsOneCodePoint() {
		String text = "a\uD83D\uDE00b";
		DigestWriter writer = new DigestWriter(4);
		writer.write(text.toCharArray(), 0, 2);
		writer.write(text.toCharArray(), 2, 2);
		assertThat(writer.hash()).isEqualTo(expected(text));
	}

	@Test
	void textWrittenInPiecesOfEverySizeMatchesTheJdk() {
		String text = "ascii then R\u00e9sum\u00e9, \u4e2d\u6587\u00e9\uD83D\uDE00x\uD800? ".repeat(40);
		char[] chars = text.toCharArray();
		for (int piece = 1; piece <= 70; piece += 3) {
			DigestWriter writer = new DigestWriter(piece);
			for (int at = 0; at < chars.length; at += piece) {
				int count = Math.min(piece, chars.length - at);
				if (piece % 2 == 0) {
					writer.write(chars, at, count);
				}
				else {
					writer.write(text, at, count);
				}
			}
			assertThat(writer.hash()).as("pieces of %d", piece).isEqualTo(expected(text));
		}
	}

	@Test
	void characterByCharacterAndCharSequenceWritesMatchTheJdk() {
		String text = "\u00ff\u0100 \uD83D\uDE00 caf\u00e9";
		DigestWriter single = new DigestWriter(1);
		text.chars().forEach(single::write);
		assertThat(single.hash()).isEqualTo(expected(text));
		DigestWriter sequence = new DigestWriter(text.length());
		sequence.writeAll(new StringBuilder(text));
		assertThat(sequence.hash()).isEqualTo(expected(text));
	}

	@Test
	void longRandomTextMatchesTheJdkAcrossBufferBoundaries() {
		Random random = new Random(42);
		StringBuilder text = new StringBuilder();
		char[] alphabet = { 'a', ' ', '\u00e9', '\u00ff', '\u0100', '\u20ac', '\uD83D', '\uDE00', '\u0800', '\u07ff',
				'\u007f', '?', '\u0080' };
		for (int i = 0; i < 50_000; i++) {
			text.append(alphabet[random.nextInt(alphabet.length)]);
		}
		for (String sample : new String[] { text.toString(), text.toString().replace('\u20ac', 'e'),
				text.toString().replaceAll("[^a-z ]", "x") }) {
			DigestWriter writer = new DigestWriter(sample.length());
			writer.writeAll(sample);
			assertThat(writer.hash()).isEqualTo(expected(sample));
		}
	}

}
