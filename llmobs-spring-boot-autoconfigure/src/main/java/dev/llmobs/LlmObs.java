package dev.llmobs;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

import dev.llmobs.context.ContextScopes;
import dev.llmobs.context.LlmObsScope;

/**
 * The programmatic API, usable without injection. Scopes set the session, user, metadata
 * and tags that every span started inside them carries (ours, Spring AI's, HTTP client
 * spans):
 *
 * <pre class="code">
 * try (LlmObsScope session = LlmObs.session(conversationId); LlmObsScope user = LlmObs.user(customerId)) {
 *     bot.answer(question);
 * }
 * </pre>
 */
public final class LlmObs {

	private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

	private static final AtomicReference<SdkTracerProvider> tracerProvider = new AtomicReference<>();

	private LlmObs() {
	}

	/**
	 * Sets the session (conversation) id: {@code session.id} and
	 * {@code gen_ai.conversation.id}.
	 * @param sessionId the session id
	 * @return the scope to close
	 */
	public static LlmObsScope session(String sessionId) {
		return ContextScopes.open((context) -> context.withSession(sessionId));
	}

	/**
	 * Sets the user id: {@code user.id}.
	 * @param userId the user id
	 * @return the scope to close
	 */
	public static LlmObsScope user(String userId) {
		return ContextScopes.open((context) -> context.withUser(userId));
	}

	/**
	 * Adds one metadata entry, merged with the entries of enclosing scopes into the
	 * {@code metadata} JSON attribute.
	 * @param key the key
	 * @param value the value (a string, number, boolean or small object)
	 * @return the scope to close
	 */
	public static LlmObsScope metadata(String key, Object value) {
		return ContextScopes.open((context) -> context.withMetadata(key, value));
	}

	/**
	 * Adds tags, merged with those of enclosing scopes into {@code tag.tags}.
	 * @param tags the tags
	 * @return the scope to close
	 */
	public static LlmObsScope tags(String... tags) {
		return ContextScopes.open((context) -> context.withTags(tags));
	}

	/**
	 * Exports pending spans now and waits up to ten seconds, for short-lived programs
	 * such as a {@code CommandLineRunner}.
	 * @return {@code true} when everything was exported in time
	 */
	public static boolean flush() {
		SdkTracerProvider provider = tracerProvider.get();
		if (provider == null) {
			return true;
		}
		CompletableResultCode result = provider.forceFlush().join(FLUSH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		return result.isSuccess();
	}

	/**
	 * Registers the tracer provider that {@link #flush()} flushes; called by the
	 * auto-configuration.
	 * @param provider the application's tracer provider, or {@code null} to clear it
	 */
	public static void useTracerProvider(SdkTracerProvider provider) {
		tracerProvider.set(provider);
	}

}
