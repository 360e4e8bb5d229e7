package dev.llmobs;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

import dev.llmobs.context.LlmObsScope;
import dev.llmobs.eval.EvaluationRunner;
import dev.llmobs.eval.Verdict;
import dev.llmobs.feedback.FeedbackRecorder;
import dev.llmobs.feedback.FeedbackRejectedException;
import dev.llmobs.trace.LlmCallRecorder;

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
 *
 * Each static method delegates to an {@link LlmObservability}: the one of the application
 * context whose tracer started the current span (or the given target span) when several
 * contexts are alive in the JVM, else the most recently started context's. The same
 * operations are available by injecting the {@link LlmObservability} bean. With no
 * context alive the calls do nothing (scopes still work).
 */
public final class LlmObs {

	/** Scopes need no collaborator: they work before and without any context. */
	private static final LlmObservability SCOPES = new LlmObservability(null, null, null, null);

	private static final Object legacyLock = new Object();

	private static final AtomicReference<LlmObservability> legacy = new AtomicReference<>();

	private static SdkTracerProvider legacyTracerProvider;

	private static LlmCallRecorder legacyLlmCalls;

	private static EvaluationRunner legacyEvaluations;

	private static FeedbackRecorder legacyFeedback;

	private LlmObs() {
	}

	/**
	 * Sets the session (conversation) id: {@code session.id} and
	 * {@code gen_ai.conversation.id}.
	 * @param sessionId the session id
	 * @return the scope to close
	 */
	public static LlmObsScope session(String sessionId) {
		return SCOPES.session(sessionId);
	}

	/**
	 * Sets the user id: {@code user.id}.
	 * @param userId the user id
	 * @return the scope to close
	 */
	public static LlmObsScope user(String userId) {
		return SCOPES.user(userId);
	}

	/**
	 * Adds one metadata entry, merged with the entries of enclosing scopes into the
	 * {@code metadata} JSON attribute.
	 * @param key the key
	 * @param value the value (a string, number, boolean or small object)
	 * @return the scope to close
	 */
	public static LlmObsScope metadata(String key, Object value) {
		return SCOPES.metadata(key, value);
	}

	/**
	 * Adds tags, merged with those of enclosing scopes into {@code tag.tags}.
	 * @param tags the tags
	 * @return the scope to close
	 */
	public static LlmObsScope tags(String... tags) {
		return SCOPES.tags(tags);
	}

	/**
	 * Exports pending spans now and waits up to ten seconds, for short-lived programs
	 * such as a {@code CommandLineRunner}.
	 * @return {@code true} when everything was exported in time
	 */
	public static boolean flush() {
		LlmObservability instance = LlmObsInstances.resolve(null);
		return (instance == null) || instance.flush();
	}

	/**
	 * Records token usage (and so cost) on the current span, for model calls whose
	 * response type is not recognized: call it inside an {@code @LlmCall} method.
	 * @param model the model that answered, used for pricing
	 * @param inputTokens prompt tokens
	 * @param outputTokens completion tokens
	 */
	public static void recordUsage(String model, long inputTokens, long outputTokens) {
		LlmObservability instance = LlmObsInstances.resolve(null);
		if (instance != null) {
			instance.recordUsage(model, inputTokens, outputTokens);
		}
	}

	/**
	 * Declares the prompt template in use, like Python's
	 * {@code using_prompt_template(template=, variables=, version=)}: model calls started
	 * inside record it and metrics are tagged with its version. An inner declaration
	 * wins.
	 * @param id the template id ({@code gen_ai.prompt.name})
	 * @param version the declared version
	 * @param variables the variables filled in (recorded as JSON, redacted like any
	 * input)
	 * @return the scope to close
	 */
	public static LlmObsScope promptTemplate(String id, String version, Map<String, ?> variables) {
		return SCOPES.promptTemplate(id, version, variables);
	}

	/**
	 * Declares the prompt template in use, with its text (recorded subject to the capture
	 * settings, and hashed into {@code llmobs.prompt.hash}).
	 * @param id the template id ({@code gen_ai.prompt.name})
	 * @param version the declared version
	 * @param template the template text
	 * @param variables the variables filled in
	 * @return the scope to close
	 */
	public static LlmObsScope promptTemplate(String id, String version, String template, Map<String, ?> variables) {
		return SCOPES.promptTemplate(id, version, template, variables);
	}

	/**
	 * Records an evaluation on the current span, like Python's
	 * {@code submit_evaluation(label=, value=, assessment=)}.
	 * @param label the evaluation name
	 * @param value a boolean (score 1 or 0), a number (the score) or text (the label)
	 * @param assessment {@code pass} or {@code fail}
	 */
	public static void submitEvaluation(String label, Object value, String assessment) {
		submitEvaluation(Span.current().getSpanContext(), label, value, assessment, null);
	}

	/**
	 * Records an evaluation with an explanation on the current span.
	 * @param label the evaluation name
	 * @param value a boolean, a number or text
	 * @param assessment {@code pass} or {@code fail}
	 * @param explanation why
	 */
	public static void submitEvaluation(String label, Object value, String assessment, String explanation) {
		submitEvaluation(Span.current().getSpanContext(), label, value, assessment, explanation);
	}

	/**
	 * Records an evaluation of a span captured earlier
	 * ({@code Span.current().getSpanContext()}): on the span itself when it is the
	 * current one, else on an {@code EVALUATOR} span linked to it.
	 * @param target the evaluated span
	 * @param label the evaluation name
	 * @param value a boolean, a number or text
	 * @param assessment {@code pass} or {@code fail}
	 * @param explanation why, or {@code null}
	 */
	public static void submitEvaluation(SpanContext target, String label, Object value, String assessment,
			String explanation) {
		LlmObservability instance = LlmObsInstances.resolve(target);
		if (instance != null) {
			instance.submitEvaluation(target, label, value, assessment, explanation);
		}
	}

	/**
	 * Records an evaluation on the current span, with a typed verdict.
	 * @param label the evaluation name
	 * @param value a boolean (score 1 or 0), a number (the score) or text (the label)
	 * @param verdict whether it passed
	 */
	public static void submitEvaluation(String label, Object value, Verdict verdict) {
		submitEvaluation(Span.current().getSpanContext(), label, value, verdict, null);
	}

	/**
	 * Records an evaluation with an explanation on the current span, with a typed
	 * verdict.
	 * @param label the evaluation name
	 * @param value a boolean, a number or text
	 * @param verdict whether it passed
	 * @param explanation why, or {@code null}
	 */
	public static void submitEvaluation(String label, Object value, Verdict verdict, String explanation) {
		submitEvaluation(Span.current().getSpanContext(), label, value, verdict, explanation);
	}

	/**
	 * Records an evaluation of a span captured earlier, with a typed verdict.
	 * @param target the evaluated span
	 * @param label the evaluation name
	 * @param value a boolean, a number or text
	 * @param verdict whether it passed
	 * @param explanation why, or {@code null}
	 */
	public static void submitEvaluation(SpanContext target, String label, Object value, Verdict verdict,
			String explanation) {
		LlmObservability instance = LlmObsInstances.resolve(target);
		if (instance != null) {
			instance.submitEvaluation(target, label, value, verdict, explanation);
		}
	}

	/**
	 * Records a user's feedback on an answer, by the trace id the response carried in
	 * {@code X-Trace-Id}. It may arrive long after the trace was exported: it becomes a
	 * {@code gen_ai.evaluation.result} log record in that trace (on its root span when
	 * this application still knows it), counts in the evaluation metrics as
	 * {@code feedback.<name>}, and shows in the recent-trace store. With several
	 * application contexts alive it goes to the one that served the trace.
	 * @param traceId the trace id (32 lower-case hex characters)
	 * @param name what was rated, such as {@code thumbs}
	 * @param value a boolean (thumbs up or down), a number (a rating) or a label
	 * @throws IllegalArgumentException (a {@link FeedbackRejectedException}) when the
	 * feedback is malformed, its trace is unknown or too much arrives
	 */
	public static void feedback(String traceId, String name, Object value) {
		feedback(traceId, name, value, null);
	}

	/**
	 * Records a user's feedback with a comment, which is redacted and bounded like every
	 * captured text.
	 * @param traceId the trace id (32 lower-case hex characters)
	 * @param name what was rated
	 * @param value a boolean, a number or a label
	 * @param comment the user's words, or {@code null}
	 * @throws IllegalArgumentException (a {@link FeedbackRejectedException}) when the
	 * feedback is malformed, its trace is unknown or too much arrives
	 */
	public static void feedback(String traceId, String name, Object value, String comment) {
		LlmObservability instance = LlmObsInstances.resolveForTrace(traceId);
		if (instance != null) {
			instance.feedback(traceId, name, value, comment);
		}
	}

	/**
	 * Registers the recorder {@link #feedback} uses, outside any application context.
	 * @param recorder the recorder, or {@code null} to clear it
	 * @deprecated the auto-configuration registers an {@link LlmObservability} per
	 * application context through {@link LlmObsRegistration}; construct an
	 * {@link LlmObservability} instead
	 */
	@Deprecated(since = "0.1.0")
	public static void useFeedback(FeedbackRecorder recorder) {
		synchronized (legacyLock) {
			legacyFeedback = recorder;
			replaceLegacy();
		}
	}

	/**
	 * Registers the evaluations {@link #submitEvaluation} uses, outside any application
	 * context.
	 * @param runner the runner, or {@code null} to clear it
	 * @deprecated the auto-configuration registers an {@link LlmObservability} per
	 * application context through {@link LlmObsRegistration}; construct an
	 * {@link LlmObservability} instead
	 */
	@Deprecated(since = "0.1.0")
	public static void useEvaluations(EvaluationRunner runner) {
		synchronized (legacyLock) {
			legacyEvaluations = runner;
			replaceLegacy();
		}
	}

	/**
	 * Registers the recorder {@link #recordUsage} uses, outside any application context.
	 * @param recorder the recorder, or {@code null} to clear it
	 * @deprecated the auto-configuration registers an {@link LlmObservability} per
	 * application context through {@link LlmObsRegistration}; construct an
	 * {@link LlmObservability} instead
	 */
	@Deprecated(since = "0.1.0")
	public static void useLlmCallRecorder(LlmCallRecorder recorder) {
		synchronized (legacyLock) {
			legacyLlmCalls = recorder;
			replaceLegacy();
		}
	}

	/**
	 * Registers the tracer provider that {@link #flush()} flushes, outside any
	 * application context.
	 * @param provider the tracer provider, or {@code null} to clear it
	 * @deprecated the auto-configuration registers an {@link LlmObservability} per
	 * application context through {@link LlmObsRegistration}; construct an
	 * {@link LlmObservability} instead
	 */
	@Deprecated(since = "0.1.0")
	public static void useTracerProvider(SdkTracerProvider provider) {
		synchronized (legacyLock) {
			legacyTracerProvider = provider;
			replaceLegacy();
		}
	}

	/**
	 * Replaces the instance the deprecated {@code use*} methods registered by one made of
	 * what they were given, registered as the most recent.
	 */
	private static void replaceLegacy() {
		LlmObservability previous = legacy.getAndSet(null);
		if (previous != null) {
			LlmObsInstances.unregister(previous);
		}
		if (legacyTracerProvider != null || legacyLlmCalls != null || legacyEvaluations != null
				|| legacyFeedback != null) {
			LlmObservability replacement = new LlmObservability(legacyTracerProvider, legacyLlmCalls, legacyEvaluations,
					legacyFeedback);
			legacy.set(replacement);
			LlmObsInstances.register(replacement);
		}
	}

}
