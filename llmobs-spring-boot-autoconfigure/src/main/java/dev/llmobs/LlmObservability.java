package dev.llmobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

import dev.llmobs.context.ChainAccumulator;
import dev.llmobs.context.ContextScopes;
import dev.llmobs.context.LlmObsScope;
import dev.llmobs.eval.EvaluationResult;
import dev.llmobs.eval.EvaluationRunner;
import dev.llmobs.eval.Verdict;
import dev.llmobs.failure.RecordingFailures;
import dev.llmobs.feedback.FeedbackRecorder;
import dev.llmobs.feedback.FeedbackRejectedException;
import dev.llmobs.llm.LlmUsage;
import dev.llmobs.prompt.PromptTemplateInfo;
import dev.llmobs.trace.LlmCallRecorder;

/**
 * The programmatic API as a bean: the operations of {@link LlmObs}, bound to one
 * application context's tracer provider, recorders and meters. Inject it where a
 * dependency is clearer than a static call; {@link LlmObs} delegates to the instance of
 * the context the current span belongs to.
 *
 * <pre class="code">
 * class Bot {
 *     private final LlmObservability llmObs;
 *
 *     Bot(LlmObservability llmObs) {
 *         this.llmObs = llmObs;
 *     }
 *
 *     String answer(String question) {
 *         try (LlmObsScope session = this.llmObs.session(conversationId)) {
 *             String answer = model.call(question);
 *             this.llmObs.submitEvaluation("helpful", true, Verdict.PASS);
 *             return answer;
 *         }
 *     }
 * }
 * </pre>
 *
 * Every collaborator may be {@code null}: the matching operations then do nothing (for
 * instance {@code submitEvaluation} when {@code llmobs.evaluation.enabled=false}).
 */
public class LlmObservability {

	private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

	private final SdkTracerProvider tracerProvider;

	private final LlmCallRecorder llmCalls;

	private final EvaluationRunner evaluations;

	private final FeedbackRecorder feedback;

	/**
	 * Creates the API over an application's collaborators.
	 * @param tracerProvider the tracer provider {@link #flush()} flushes, or {@code null}
	 * @param llmCalls the recorder {@link #recordUsage} uses, or {@code null}
	 * @param evaluations the runner {@link #submitEvaluation} uses, or {@code null}
	 * @param feedback the recorder {@link #feedback} uses, or {@code null}
	 */
	public LlmObservability(SdkTracerProvider tracerProvider, LlmCallRecorder llmCalls, EvaluationRunner evaluations,
			FeedbackRecorder feedback) {
		this.tracerProvider = tracerProvider;
		this.llmCalls = llmCalls;
		this.evaluations = evaluations;
		this.feedback = feedback;
	}

	SdkTracerProvider tracerProvider() {
		return this.tracerProvider;
	}

	LlmCallRecorder llmCalls() {
		return this.llmCalls;
	}

	EvaluationRunner evaluations() {
		return this.evaluations;
	}

	FeedbackRecorder feedbackRecorder() {
		return this.feedback;
	}

	/**
	 * Sets the session (conversation) id: {@code session.id} and
	 * {@code gen_ai.conversation.id}.
	 * @param sessionId the session id
	 * @return the scope to close
	 */
	public LlmObsScope session(String sessionId) {
		return ContextScopes.open((context) -> context.withSession(sessionId));
	}

	/**
	 * Sets the user id: {@code user.id}.
	 * @param userId the user id
	 * @return the scope to close
	 */
	public LlmObsScope user(String userId) {
		return ContextScopes.open((context) -> context.withUser(userId));
	}

	/**
	 * Adds one metadata entry, merged with the entries of enclosing scopes into the
	 * {@code metadata} JSON attribute.
	 * @param key the key
	 * @param value the value (a string, number, boolean or small object)
	 * @return the scope to close
	 */
	public LlmObsScope metadata(String key, Object value) {
		return ContextScopes.open((context) -> context.withMetadata(key, value));
	}

	/**
	 * Adds tags, merged with those of enclosing scopes into {@code tag.tags}.
	 * @param tags the tags
	 * @return the scope to close
	 */
	public LlmObsScope tags(String... tags) {
		return ContextScopes.open((context) -> context.withTags(tags));
	}

	/**
	 * Declares the prompt template in use: model calls started inside record it and
	 * metrics are tagged with its version. An inner declaration wins.
	 * @param id the template id ({@code gen_ai.prompt.name})
	 * @param version the declared version
	 * @param variables the variables filled in (recorded as JSON, redacted like any
	 * input)
	 * @return the scope to close
	 */
	public LlmObsScope promptTemplate(String id, String version, Map<String, ?> variables) {
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
	public LlmObsScope promptTemplate(String id, String version, String template, Map<String, ?> variables) {
		PromptTemplateInfo prompt = PromptTemplateInfo.of(id, version, template, variables);
		return ContextScopes.open((context) -> context.withPrompt(prompt));
	}

	/**
	 * Exports pending spans now and waits up to ten seconds, for short-lived programs.
	 * @return {@code true} when everything was exported in time
	 */
	public boolean flush() {
		if (this.tracerProvider == null) {
			return true;
		}
		CompletableResultCode result = this.tracerProvider.forceFlush()
			.join(FLUSH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		return result.isSuccess();
	}

	/**
	 * Records token usage (and so cost) on the current span, for model calls whose
	 * response type is not recognized: call it inside an {@code @LlmCall} method.
	 * @param model the model that answered, used for pricing
	 * @param inputTokens prompt tokens
	 * @param outputTokens completion tokens
	 */
	public void recordUsage(String model, long inputTokens, long outputTokens) {
		Span span = Span.current();
		if (this.llmCalls == null || !span.isRecording()) {
			return;
		}
		try {
			LlmUsage usage = new LlmUsage(inputTokens, outputTokens, null, model, List.of(), null);
			this.llmCalls.record(span, "", (model != null) ? model : "", usage,
					ChainAccumulator.from(Context.current()));
		}
		catch (RuntimeException ex) {
			RecordingFailures.record("programmatic usage", ex);
		}
	}

	/**
	 * Records an evaluation on the current span.
	 * @param label the evaluation name
	 * @param value a boolean (score 1 or 0), a number (the score) or text (the label)
	 * @param verdict whether it passed
	 */
	public void submitEvaluation(String label, Object value, Verdict verdict) {
		submitEvaluation(Span.current().getSpanContext(), label, value, verdict, null);
	}

	/**
	 * Records an evaluation with an explanation on the current span.
	 * @param label the evaluation name
	 * @param value a boolean, a number or text
	 * @param verdict whether it passed
	 * @param explanation why, or {@code null}
	 */
	public void submitEvaluation(String label, Object value, Verdict verdict, String explanation) {
		submitEvaluation(Span.current().getSpanContext(), label, value, verdict, explanation);
	}

	/**
	 * Records an evaluation of a span captured earlier: on the span itself when it is the
	 * current one, else on an {@code EVALUATOR} span linked to it.
	 * @param target the evaluated span
	 * @param label the evaluation name
	 * @param value a boolean, a number or text
	 * @param verdict whether it passed ({@code null} reads as {@link Verdict#PASS})
	 * @param explanation why, or {@code null}
	 */
	public void submitEvaluation(SpanContext target, String label, Object value, Verdict verdict, String explanation) {
		if (this.evaluations == null || target == null || !target.isValid()) {
			return;
		}
		try {
			Double score = (value instanceof Boolean bool) ? (bool ? 1.0 : 0.0)
					: (value instanceof Number number) ? number.doubleValue() : null;
			String text = (value instanceof CharSequence chars) ? chars.toString() : null;
			EvaluationResult result = new EvaluationResult(label, score, text,
					(verdict != null) ? verdict : Verdict.PASS, explanation);
			Span current = Span.current();
			if (current.getSpanContext().equals(target) && current.isRecording()) {
				this.evaluations.recorder().recordOn(current, List.of(result));
			}
			else {
				this.evaluations.recorder().recordAfter(target, List.of(result));
			}
		}
		catch (RuntimeException ex) {
			RecordingFailures.record("a submitted evaluation", ex);
		}
	}

	/**
	 * Records an evaluation on the current span, with the assessment as text.
	 * @param label the evaluation name
	 * @param value a boolean, a number or text
	 * @param assessment {@code pass} or {@code fail}
	 */
	public void submitEvaluation(String label, Object value, String assessment) {
		submitEvaluation(label, value, verdict(assessment));
	}

	/**
	 * Records an evaluation with an explanation on the current span, with the assessment
	 * as text.
	 * @param label the evaluation name
	 * @param value a boolean, a number or text
	 * @param assessment {@code pass} or {@code fail}
	 * @param explanation why, or {@code null}
	 */
	public void submitEvaluation(String label, Object value, String assessment, String explanation) {
		submitEvaluation(label, value, verdict(assessment), explanation);
	}

	/**
	 * Records an evaluation of a span captured earlier, with the assessment as text.
	 * @param target the evaluated span
	 * @param label the evaluation name
	 * @param value a boolean, a number or text
	 * @param assessment {@code pass} or {@code fail}
	 * @param explanation why, or {@code null}
	 */
	public void submitEvaluation(SpanContext target, String label, Object value, String assessment,
			String explanation) {
		submitEvaluation(target, label, value, verdict(assessment), explanation);
	}

	/**
	 * Records a user's feedback on an answer, by the trace id the response carried in
	 * {@code X-Trace-Id}.
	 * @param traceId the trace id (32 lower-case hex characters)
	 * @param name what was rated, such as {@code thumbs}
	 * @param value a boolean (thumbs up or down), a number (a rating) or a label
	 * @throws IllegalArgumentException (a {@link FeedbackRejectedException}) when the
	 * feedback is malformed, its trace is unknown or too much arrives
	 */
	public void feedback(String traceId, String name, Object value) {
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
	public void feedback(String traceId, String name, Object value, String comment) {
		if (this.feedback != null) {
			this.feedback.record(traceId, name, value, comment);
		}
	}

	private static Verdict verdict(String assessment) {
		return "fail".equalsIgnoreCase(assessment) ? Verdict.FAIL : Verdict.PASS;
	}

}
