package dev.llmobs.trace.convention;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageBudgetTests {

	private static List<String> fit(List<String> messages, int budget) {
		return MessageBudget.fit(messages, budget, (message) -> message.length(), (message) -> message.startsWith("s"));
	}

	@Test
	void aConversationWithinTheBudgetIsKeptWhole() {
		List<String> messages = List.of("s1", "u1", "a1");
		assertThat(fit(messages, 6)).isSameAs(messages);
	}

	@Test
	void overTheBudgetTheSystemPromptAndTheLatestMessagesAreKeptInOrder() {
		assertThat(fit(List.of("s1", "u1", "a1", "u2", "a2"), 6)).containsExactly("s1", "u2", "a2");
	}

	@Test
	void withoutASystemPromptOnlyTheLatestMessagesAreKept() {
		assertThat(fit(List.of("u1", "a1", "u2", "a2"), 4)).containsExactly("u2", "a2");
	}

	@Test
	void theLastMessageIsKeptEvenWhenItAloneExceedsTheBudget() {
		assertThat(fit(List.of("u1", "a-very-long-answer"), 3)).containsExactly("a-very-long-answer");
	}

	@Test
	void anEmptyConversationStaysEmpty() {
		assertThat(fit(List.of(), 0)).isEmpty();
	}

}
