package dev.llmobs.kotlin;

import io.opentelemetry.context.Context;

import dev.llmobs.context.LlmObsContext;

/**
 * The {@code LlmObs} scopes for coroutines, as coroutine context elements: a thread-bound
 * try-with-resources scope cannot follow a coroutine that resumes on another thread, an
 * element can. Each factory derives the new values from the context current where it is
 * called (inside a coroutine carrying an element, that element's):
 *
 * <pre class="code">
 * withContext(LlmObsCoroutines.session(conversationId)) {
 *     bot.answer(question) // every span below carries the session, on any dispatcher
 * }
 * </pre>
 */
public final class LlmObsCoroutines {

	private LlmObsCoroutines() {
	}

	/**
	 * The current context (span, session, user, metadata, tags) as an element, to carry
	 * it into a coroutine started elsewhere: {@code launch(LlmObsCoroutines.current())}.
	 * @return the element
	 */
	public static LlmObsContextElement current() {
		return new LlmObsContextElement(Context.current());
	}

	/**
	 * The current context with a session.
	 * @param sessionId the session (conversation) id
	 * @return the element
	 */
	public static LlmObsContextElement session(String sessionId) {
		return with(LlmObsContext.current().withSession(sessionId));
	}

	/**
	 * The current context with a user.
	 * @param userId the user id
	 * @return the element
	 */
	public static LlmObsContextElement user(String userId) {
		return with(LlmObsContext.current().withUser(userId));
	}

	/**
	 * The current context with one more metadata entry.
	 * @param key the key
	 * @param value the value
	 * @return the element
	 */
	public static LlmObsContextElement metadata(String key, Object value) {
		return with(LlmObsContext.current().withMetadata(key, value));
	}

	/**
	 * The current context with more tags.
	 * @param tags the tags to add
	 * @return the element
	 */
	public static LlmObsContextElement tags(String... tags) {
		return with(LlmObsContext.current().withTags(tags));
	}

	private static LlmObsContextElement with(LlmObsContext values) {
		return new LlmObsContextElement(values.storeIn(Context.current()));
	}

}
