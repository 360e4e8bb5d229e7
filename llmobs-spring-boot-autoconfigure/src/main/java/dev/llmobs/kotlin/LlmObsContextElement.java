package dev.llmobs.kotlin;

import io.opentelemetry.context.Context;
import kotlin.coroutines.AbstractCoroutineContextElement;
import kotlin.coroutines.CoroutineContext;
import kotlinx.coroutines.ThreadContextElement;

import dev.llmobs.context.ContextScopes;
import dev.llmobs.context.LlmObsContext;
import dev.llmobs.context.LlmObsScope;

/**
 * A coroutine context element that makes an OpenTelemetry {@link Context} (the current
 * span, the session, user, metadata and tags) current on whichever thread the coroutine
 * resumes, across suspension points and dispatcher switches, with session and user in the
 * logging MDC; child coroutines inherit it. Create one with the factories of
 * {@link LlmObsCoroutines} and chain more values on it
 * ({@code LlmObsCoroutines.session(id).user(userId)}): adding two elements with {@code +}
 * keeps only the right one, as for any coroutine context element. Plays the role of
 * OpenTelemetry's {@code Context.asContextElement()} with the MDC kept in step.
 */
public final class LlmObsContextElement extends AbstractCoroutineContextElement
		implements ThreadContextElement<LlmObsScope> {

	/** The key of this element in a coroutine context. */
	public static final Key KEY = new Key();

	private final Context context;

	/**
	 * Creates an element.
	 * @param context the context to make current while the coroutine runs
	 */
	public LlmObsContextElement(Context context) {
		super(KEY);
		this.context = context;
	}

	/**
	 * The context this element makes current.
	 * @return the context
	 */
	public Context context() {
		return this.context;
	}

	/**
	 * This element's context with a session.
	 * @param sessionId the session (conversation) id
	 * @return a new element
	 */
	public LlmObsContextElement session(String sessionId) {
		return derive(LlmObsContext.from(this.context).withSession(sessionId));
	}

	/**
	 * This element's context with a user.
	 * @param userId the user id
	 * @return a new element
	 */
	public LlmObsContextElement user(String userId) {
		return derive(LlmObsContext.from(this.context).withUser(userId));
	}

	/**
	 * This element's context with one more metadata entry.
	 * @param key the key
	 * @param value the value
	 * @return a new element
	 */
	public LlmObsContextElement metadata(String key, Object value) {
		return derive(LlmObsContext.from(this.context).withMetadata(key, value));
	}

	/**
	 * This element's context with more tags.
	 * @param tags the tags to add
	 * @return a new element
	 */
	public LlmObsContextElement tags(String... tags) {
		return derive(LlmObsContext.from(this.context).withTags(tags));
	}

	private LlmObsContextElement derive(LlmObsContext values) {
		return new LlmObsContextElement(values.storeIn(this.context));
	}

	@Override
	public LlmObsScope updateThreadContext(CoroutineContext coroutineContext) {
		return ContextScopes.attach(this.context);
	}

	@Override
	public void restoreThreadContext(CoroutineContext coroutineContext, LlmObsScope scope) {
		scope.close();
	}

	/**
	 * The key type of {@link LlmObsContextElement}.
	 */
	public static final class Key implements CoroutineContext.Key<LlmObsContextElement> {

		private Key() {
		}

	}

}
