package dev.llmobs.capture;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class BoundedWriterTests {

	@Test
	void aSingleWriteIsTheText() throws IOException {
		BoundedWriter writer = new BoundedWriter(100);
		char[] chars = "..{\"a\":1}..".toCharArray();
		writer.write(chars, 2, 7);
		chars[2] = 'X';
		assertThat(writer.text()).isEqualTo("{\"a\":1}");
		assertThat(writer.textFrom(5)).isEqualTo("1}");
		assertThat(writer.length()).isEqualTo(7);
		assertThat(writer.offered()).isEqualTo(7);
		assertThat(writer.limitReached()).isFalse();
	}

	@Test
	void laterWritesOfEveryKindFollowTheFirst() throws IOException {
		BoundedWriter writer = new BoundedWriter(100);
		writer.write("[1,".toCharArray(), 0, 3);
		writer.write('2');
		writer.write(",3", 0, 2);
		writer.write("]".toCharArray(), 0, 1);
		assertThat(writer.text()).isEqualTo("[1,2,3]");
		assertThat(writer.textFrom(3)).isEqualTo("2,3]");
		assertThat(writer.textFrom(1)).isEqualTo("1,2,3]");
		assertThat(writer.textFrom(5)).isEqualTo("3]");
		assertThat(writer.textFrom(7)).isEmpty();
		assertThat(writer.length()).isEqualTo(7);
	}

	@Test
	void aFirstWriteOverTheCapacityKeepsTheCapacityAndStops() {
		BoundedWriter writer = new BoundedWriter(4);
		assertThatIOException().isThrownBy(() -> writer.write("abcdefgh".toCharArray(), 0, 8));
		assertThat(writer.text()).isEqualTo("abcd");
		assertThat(writer.limitReached()).isTrue();
		assertThat(writer.offered()).isEqualTo(8);
	}

	@Test
	void aSecondWriteOverTheCapacityKeepsWhatFits() throws IOException {
		BoundedWriter writer = new BoundedWriter(5);
		writer.write("abc".toCharArray(), 0, 3);
		assertThatIOException().isThrownBy(() -> writer.write("defgh".toCharArray(), 0, 5));
		assertThat(writer.text()).isEqualTo("abcde");
		assertThat(writer.offered()).isEqualTo(8);
		assertThatIOException().isThrownBy(() -> writer.write('i'));
		assertThat(writer.text()).isEqualTo("abcde");
	}

	@Test
	void textOutsideLatin1IsKeptAsWritten() throws IOException {
		BoundedWriter writer = new BoundedWriter(100);
		writer.write("R\u00e9sum\u00e9 ".toCharArray(), 0, 7);
		writer.write("\u65e5\u672c", 0, 2);
		assertThat(writer.text()).isEqualTo("R\u00e9sum\u00e9 \u65e5\u672c");
		assertThat(writer.textFrom(6)).isEqualTo(" \u65e5\u672c");
	}

	@Test
	void aWriterFedOneCharacterAtATimeKeepsEveryCharacterInOrder() throws IOException {
		BoundedWriter writer = new BoundedWriter(1000);
		StringBuilder expected = new StringBuilder();
		for (int i = 0; i < 5 * BoundedWriter.MAX_CHUNKS + 3; i++) {
			char c = (char) ('a' + i % 26);
			writer.write(c);
			expected.append(c);
		}
		assertThat(writer.text()).isEqualTo(expected.toString());
		assertThat(writer.textFrom(100)).isEqualTo(expected.substring(100));
		assertThat(writer.length()).isEqualTo(expected.length());
	}

	@Test
	void anEmptyFirstWriteLeavesRoomForTheNext() throws IOException {
		BoundedWriter writer = new BoundedWriter(10);
		writer.write(new char[0], 0, 0);
		writer.write("xy".toCharArray(), 0, 2);
		assertThat(writer.text()).isEqualTo("xy");
	}

}
