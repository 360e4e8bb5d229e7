package dev.llmobs.trace.convention;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Fits a conversation into a budget of span attributes (the flattened message keys of the
 * OpenInference convention): a leading system prompt, then the latest messages in their
 * order, and always at least the last message. Shared by the framework adapters that
 * write chat messages.
 */
public final class MessageBudget {

	/** Attributes one message takes: its role and its content. */
	public static final int ATTRIBUTES_PER_MESSAGE = 2;

	/** Attributes one tool call inside a message takes: its id, name and arguments. */
	public static final int ATTRIBUTES_PER_TOOL_CALL = 3;

	private MessageBudget() {
	}

	/**
	 * The messages that fit the budget.
	 * @param <M> the framework's message type
	 * @param messages the conversation, oldest first
	 * @param budget the attributes the messages may take
	 * @param cost the attributes one message takes
	 * @param isSystem whether a message is a system prompt
	 * @return the messages kept, in their order (the same list when all fit)
	 */
	public static <M> List<M> fit(List<M> messages, int budget, ToIntFunction<M> cost, Predicate<M> isSystem) {
		if (messages.isEmpty() || total(messages, cost) <= budget) {
			return messages;
		}
		boolean keepSystem = isSystem.test(messages.get(0));
		int used = keepSystem ? cost.applyAsInt(messages.get(0)) : 0;
		int first = messages.size();
		int lowest = keepSystem ? 1 : 0;
		while (first > lowest
				&& (first == messages.size() || used + cost.applyAsInt(messages.get(first - 1)) <= budget)) {
			used += cost.applyAsInt(messages.get(first - 1));
			first--;
		}
		List<M> kept = new ArrayList<>();
		if (keepSystem) {
			kept.add(messages.get(0));
		}
		kept.addAll(messages.subList(first, messages.size()));
		return kept;
	}

	private static <M> int total(List<M> messages, ToIntFunction<M> cost) {
		int total = 0;
		for (M message : messages) {
			total += cost.applyAsInt(message);
		}
		return total;
	}

}
