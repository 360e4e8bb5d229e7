package dev.llmobs;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import java.util.List;
import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

import dev.llmobs.context.ContextScopes;
import dev.llmobs.context.LlmObsScope;
import dev.llmobs.eval.EvaluationResult;
import dev.llmobs.eval.EvaluationRunner;
import dev.llmobs.feedback.FeedbackRecorder;
import dev.llmobs.feedback.FeedbackRejectedException;
import dev.llmobs.eval.Verdict;
import dev.llmobs.llm.LlmCallRecorder;
import dev.llmobs.llm.LlmUsage;
import dev.llmobs.prompt.PromptTemplateInfo;
import dev.llmobs.trace.RecordingFailures;
import dev.llmobs.trace.TraceState;

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

	private static final AtomicReference<LlmCallRecorder> llmCalls = new AtomicReference<>();

	private static final AtomicReference<EvaluationRunner> evaluations = new AtomicReference<>();

	private static final AtomicReference<FeedbackRecorder> feedback = new AtomicReference<>();

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
	 * Records token usage (and so cost) on the current span, for model calls whose
	 * response type is not recognized: call it inside an {@code @LlmCall} method.
	 * @param model the model that answered, used for pricing
	 * @param inputTokens prompt tokens
	 * @param outputTokens completion tokens
	 */
	public static void recordUsage(String model, long inputTokens, long outputTokens) {
		LlmCallRecorder recorder = llmCalls.get();
		Span span = Span.current();
		if (recorder == null || !span.isRecording()) {
			return;
		}
		try {
			LlmUsage usage = new LlmUsage(inputTokens, outputTokens, null, model, List.of(), null);
			recorder.record(span, "", (model != null) ? model : "", usage, TraceState.from(Context.current()));
		}
		catch (RuntimeException ex) {
			RecordingFailures.record("programmatic usage", ex);
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
		return promptTemplate(id, version, null, variables);
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
		PromptTemplateInfo prompt = PromptTemplateInfo.of(id, version, template, variables);
		return ContextScopes.open((context) -> context.withPrompt(prompt));
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
		EvaluationRunner runner = evaluations.get();
		if (runner == null || !target.isValid()) {
			return;
		}
		try {
			Verdict verdict = "fail".equalsIgnoreCase(assessment) ? Verdict.FAIL : Verdict.PASS;
			Double score = (value instanceof Boolean bool) ? (bool ? 1.0 : 0.0)
					: (value instanceof Number number) ? number.doubleValue() : null;
			String text = (value instanceof CharSequence chars) ? chars.toString() : null;
			EvaluationResult result = new EvaluationResult(label, score, text, verdict, explanation);
			Span current = Span.current();
			if (current.getSpanContext().equals(target) && current.isRecording()) {
				runner.recorder().recordOn(current, List.of(result));
			}
			else {
				runner.recorder().recordAfter(target, List.of(result));
			}
		}
		catch (RuntimeException ex) {
			RecordingFailures.record("a submitted evaluation", ex);
		}
	}

	/**
	 * Records a user's feedback on an answer, by the trace id the response carried in
	 * {@code X-Trace-Id}. It may arrive long after the trace was exported: it becomes a
	 * {@code gen_ai.evaluation.result} log record in that trace (on its root span when
	 * this application still knows it), counts in the evaluation metrics as
	 * {@code feedback.<name>}, and shows in the recent-trace store.
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
		FeedbackRecorder recorder = feedback.get();
		if (recorder != null) {
			recorder.record(traceId, name, value, comment);
		}
	}

	/**
	 * Registers the recorder {@link #feedback} uses; called by the auto-configuration.
	 * @param recorder the recorder, or {@code null} to clear it
	 */
	public static void useFeedback(FeedbackRecorder recorder) {
		feedback.set(recorder);
	}

	/**
	 * Registers the evaluations {@link #submitEvaluation} uses; called by the
	 * auto-configuration.
	 * @param runner the runner, or {@code null} to clear it
	 */
	public static void useEvaluations(EvaluationRunner runner) {
		evaluations.set(runner);
	}

	/**
	 * Registers the recorder {@link #recordUsage} uses; called by the auto-configuration.
	 * @param recorder the recorder, or {@code null} to clear it
	 */
	public static void useLlmCallRecorder(LlmCallRecorder recorder) {
		llmCalls.set(recorder);
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
