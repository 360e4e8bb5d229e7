package dev.llmobs.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextAccessorsTests {

	record Reply(String answer, int tokens) {
	}

	public static class Message {

		public String getText() {
			return "from the getter";
		}

	}

	record Empty(String answer, String content) {
	}

	public static class Failing {

		public String answer() {
			throw new IllegalStateException("no answer yet");
		}

		public StringBuilder content() {
			return new StringBuilder("from content");
		}

	}

	record Point(int x, int y) {
	}

	@Test
	void theFirstAccessorThatReturnsTextGivesTheText() {
		assertThat(TextAccessors.textOf(new Reply("Refunds take five days.", 12))).isEqualTo("Refunds take five days.");
		assertThat(TextAccessors.textOf(new Message())).isEqualTo("from the getter");
		assertThat(TextAccessors.textOf(new Empty(null, "the content"))).isEqualTo("the content");
		assertThat(TextAccessors.textOf(new Failing())).isEqualTo("from content");
		assertThat(TextAccessors.textOf(new Point(1, 2))).isNull();
	}

	@Test
	void eachCallReadsTheValueAsItIsNow() {
		assertThat(TextAccessors.textOf(new Reply("first", 1))).isEqualTo("first");
		assertThat(TextAccessors.textOf(new Reply("second", 1))).isEqualTo("second");
		assertThat(TextAccessors.textOf(new Empty(null, null))).isNull();
	}

	@Test
	void anAnswerWithoutTextAccessorsIsItsJson() {
		assertThat(EvaluationRunner.answerText(new Point(1, 2))).isEqualTo("{\"x\":1,\"y\":2}");
		assertThat(EvaluationRunner.answerText(new Reply("text", 3))).isEqualTo("text");
		assertThat(EvaluationRunner.answerText("plain")).isEqualTo("plain");
		assertThat(EvaluationRunner.answerText(null)).isNull();
	}

}
