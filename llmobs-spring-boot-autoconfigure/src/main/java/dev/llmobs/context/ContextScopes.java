package dev.llmobs.context;

import java.util.function.UnaryOperator;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

/**
 * Opens {@link LlmObsScope}s: derives a new {@link LlmObsContext} from the current one,
 * makes it current in the OpenTelemetry context, and mirrors session and user into the
 * logging MDC ({@code sessionId}, {@code userId}) until the scope closes.
 */
public final class ContextScopes {

	/** MDC key of the session id. */
	public static final String MDC_SESSION_ID = "sessionId";

	/** MDC key of the user id. */
	public static final String MDC_USER_ID = "userId";

	private ContextScopes() {
	}

	/**
	 * Opens a scope with a value derived from the current one.
	 * @param change derives the new value
	 * @return the scope to close
	 */
	public static LlmObsScope open(UnaryOperator<LlmObsContext> change) {
		LlmObsContext updated = change.apply(LlmObsContext.current());
		Context current = Context.current();
		Scope scope = clean(current, Span.fromContext(current), updated).makeCurrent();
		String previousSession = MDC.get(MDC_SESSION_ID);
		String previousUser = MDC.get(MDC_USER_ID);
		putOrRemove(MDC_SESSION_ID, updated.sessionId());
		putOrRemove(MDC_USER_ID, updated.userId());
		return () -> {
			scope.close();
			putOrRemove(MDC_SESSION_ID, previousSession);
			putOrRemove(MDC_USER_ID, previousUser);
		};
	}

	/**
	 * Makes a context captured on another thread current here, with its session and user
	 * in the logging MDC, until the scope closes; used by task decorators and reactive
	 * filters, which restore a whole context rather than derive one.
	 * @param context the context to make current
	 * @return the scope to close
	 */
	public static LlmObsScope attach(Context context) {
		LlmObsContext llmObs = LlmObsContext.from(context);
		Scope scope = context.makeCurrent();
		if (llmObs.isEmpty()) {
			return scope::close;
		}
		String previousSession = MDC.get(MDC_SESSION_ID);
		String previousUser = MDC.get(MDC_USER_ID);
		putOrRemove(MDC_SESSION_ID, llmObs.sessionId());
		putOrRemove(MDC_USER_ID, llmObs.userId());
		return () -> {
			scope.close();
			putOrRemove(MDC_SESSION_ID, previousSession);
			putOrRemove(MDC_USER_ID, previousUser);
		};
	}

	/**
	 * The context to make current for a span: the span, the current baggage, the
	 * {@link LlmObsContext} and the trace's accumulators (cost, nested model calls), on
	 * top of the root context. Starting from the root drops the private key Micrometer's
	 * OpenTelemetry bridge keeps for the outer span's trace context; keeping it would
	 * make Micrometer parent new observations (HTTP clients, Spring AI) on that outer
	 * span instead of this one, and rebuild their scopes without the session.
	 * @param span the span to make current
	 * @return the context
	 */
	public static Context contextFor(Span span) {
		return contextFor(Context.current(), span);
	}

	/**
	 * The context to make current for a span, derived from a context the caller already
	 * holds (saves a thread-local lookup on the hot path).
	 * @param current the current context
	 * @param span the span to make current
	 * @return the context
	 */
	public static Context contextFor(Context current, Span span) {
		return clean(current, span, LlmObsContext.from(current));
	}

	private static Context clean(Context current, Span span, LlmObsContext llmObs) {
		Context clean = Context.root().with(span);
		Baggage baggage = Baggage.fromContextOrNull(current);
		if (baggage != null) {
			clean = clean.with(baggage);
		}
		ChainAccumulator traceState = ChainAccumulator.from(current);
		if (traceState != null) {
			clean = traceState.storeIn(clean);
		}
		NestedModelCalls nested = NestedModelCalls.from(current);
		if (nested != null) {
			clean = nested.storeIn(clean);
		}
		return llmObs.isEmpty() ? clean : llmObs.storeIn(clean);
	}

	private static void putOrRemove(String key, String value) {
		if (value != null) {
			MDC.put(key, value);
		}
		else {
			MDC.remove(key);
		}
	}

}
