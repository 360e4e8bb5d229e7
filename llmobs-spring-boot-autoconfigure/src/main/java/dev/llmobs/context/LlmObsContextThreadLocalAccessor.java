package dev.llmobs.context;

import java.util.ArrayDeque;
import java.util.Deque;

import io.micrometer.context.ThreadLocalAccessor;
import io.opentelemetry.context.Context;

/**
 * Lets Micrometer's context propagation carry the session, user, metadata and tags across
 * threads: {@code ContextPropagatingTaskDecorator} for {@code @Async} and task executors,
 * and Reactor's automatic context propagation, with session and user in the logging MDC
 * while restored. Registered through {@code ServiceLoader}.
 */
public final class LlmObsContextThreadLocalAccessor implements ThreadLocalAccessor<LlmObsContext> {

	/** The context-propagation key. */
	public static final String KEY = "llmobs.context";

	private static final ThreadLocal<Deque<LlmObsScope>> scopes = ThreadLocal.withInitial(ArrayDeque::new);

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public LlmObsContext getValue() {
		LlmObsContext current = LlmObsContext.current();
		return current.isEmpty() ? null : current;
	}

	@Override
	public void setValue(LlmObsContext value) {
		scopes.get().push(ContextScopes.attach(value.storeIn(Context.current())));
	}

	@Override
	public void setValue() {
		setValue(LlmObsContext.EMPTY);
	}

	@Override
	public void restore(LlmObsContext previousValue) {
		closeLatest();
	}

	@Override
	public void restore() {
		closeLatest();
	}

	private static void closeLatest() {
		Deque<LlmObsScope> open = scopes.get();
		LlmObsScope latest = open.poll();
		if (latest != null) {
			latest.close();
		}
		if (open.isEmpty()) {
			scopes.remove();
		}
	}

}
