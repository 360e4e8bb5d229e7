package dev.llmobs.feedback;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;

import dev.llmobs.eval.EvaluationEvent;
import dev.llmobs.eval.EvaluationListener;
import dev.llmobs.eval.Feedback;
import dev.llmobs.eval.Verdict;
import dev.llmobs.export.KnownTraces;
import dev.llmobs.export.RecentTraceStore;
import dev.llmobs.trace.LlmObsAttributes;

/**
 * Validates a user's feedback and records it on every channel: a
 * {@code gen_ai.evaluation.result} log record in the context of the trace's root span
 * (the trace may have been exported long ago), the evaluation metrics under
 * {@code feedback.<name>}, and the recent-trace store. Every bound is checked before
 * anything is recorded; a refusal is a {@link FeedbackRejectedException} naming the
 * problem and its HTTP status.
 */
public final class FeedbackRecorder {

	/** Marks a log record as user feedback. */
	public static final AttributeKey<Boolean> LLMOBS_FEEDBACK = AttributeKey.booleanKey("llmobs.feedback");

	/** The trace id, on a record whose root span is not known. */
	public static final AttributeKey<String> LLMOBS_FEEDBACK_TRACE_ID = AttributeKey
		.stringKey("llmobs.feedback.trace_id");

	private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

	private static final int MAX_LABEL_LENGTH = 64;

	private final FeedbackOptions options;

	private final Logger logger;

	private final EvaluationListener listener;

	private final UnaryOperator<String> redaction;

	private final KnownTraces known;

	private final RecentTraceStore store;

	private final LongSupplier clock;

	private final Set<String> names = ConcurrentHashMap.newKeySet();

	private final AtomicLong second = new AtomicLong();

	private final AtomicInteger inSecond = new AtomicInteger();

	/**
	 * Creates a recorder.
	 * @param options what is accepted
	 * @param logger emits the log records
	 * @param listener the evaluation metrics
	 * @param redaction redacts and bounds comments as every captured text is
	 * @param known the traces this application served recently
	 * @param store the recent-trace store, or {@code null}
	 * @param clock milliseconds since the epoch
	 */
	public FeedbackRecorder(FeedbackOptions options, Logger logger, EvaluationListener listener,
			UnaryOperator<String> redaction, KnownTraces known, RecentTraceStore store, LongSupplier clock) {
		this.options = options;
		this.logger = logger;
		this.listener = listener;
		this.redaction = redaction;
		this.known = known;
		this.store = store;
		this.clock = clock;
	}

	/**
	 * Whether this application served the trace recently, so feedback on it belongs here.
	 * @param traceId the trace id
	 * @return whether the trace is known
	 */
	public boolean knows(String traceId) {
		return traceId != null && this.known.rootSpanId(traceId) != null;
	}

	/**
	 * Validates and records feedback.
	 * @param traceId the trace id the response carried
	 * @param name what was rated
	 * @param value a {@link Boolean}, a {@link Number} or a label ({@link CharSequence})
	 * @param comment the user's comment, or {@code null}
	 * @return what was recorded
	 * @throws FeedbackRejectedException when the feedback is refused
	 */
	public Feedback record(String traceId, String name, Object value, String comment) {
		Feedback feedback = validate(traceId, name, value, comment);
		String rootSpanId = this.known.rootSpanId(feedback.traceId());
		if (rootSpanId == null && this.options.requireKnownTrace()) {
			throw new FeedbackRejectedException(404,
					"unknown trace id: this application served no recent trace with id " + feedback.traceId());
		}
		admit(feedback.name());
		emit(feedback, rootSpanId);
		this.listener.evaluated(new EvaluationEvent(feedback.asEvaluation(), null));
		if (this.store != null) {
			this.store.addFeedback(feedback);
		}
		return feedback;
	}

	private Feedback validate(String traceId, String name, Object value, String comment) {
		if (traceId == null || !TRACE_ID.matcher(traceId).matches() || traceId.chars().allMatch((c) -> c == '0')) {
			throw new FeedbackRejectedException(400, "traceId must be 32 lower-case hex characters, not all zero");
		}
		if (name == null || !NAME.matcher(name).matches()) {
			throw new FeedbackRejectedException(400,
					"name must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
		}
		if (comment != null && comment.length() > this.options.maxCommentLength()) {
			throw new FeedbackRejectedException(413,
					"comment is longer than " + this.options.maxCommentLength() + " characters");
		}
		Double score;
		String label = null;
		Verdict verdict;
		if (value instanceof Boolean bool) {
			score = bool ? 1.0 : 0.0;
			verdict = bool ? Verdict.PASS : Verdict.FAIL;
		}
		else if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
			score = number.doubleValue();
			verdict = (score >= this.options.passThreshold()) ? Verdict.PASS : Verdict.FAIL;
		}
		else if (value instanceof CharSequence text && !text.isEmpty() && text.length() <= MAX_LABEL_LENGTH) {
			score = null;
			label = text.toString();
			verdict = this.options.negativeLabels().contains(label.toLowerCase(Locale.ROOT)) ? Verdict.FAIL
					: Verdict.PASS;
		}
		else {
			throw new FeedbackRejectedException(400,
					"value must be a boolean, a finite number or a label of 1 to " + MAX_LABEL_LENGTH + " characters");
		}
		String redactedComment = (comment != null && !comment.isBlank()) ? this.redaction.apply(comment) : null;
		String redactedLabel = (label != null) ? this.redaction.apply(label) : null;
		return new Feedback(traceId, name, score, redactedLabel, verdict, redactedComment, this.clock.getAsLong());
	}

	/** Bounds the rate and the number of distinct names before anything is recorded. */
	private void admit(String name) {
		long now = this.clock.getAsLong() / 1000;
		if (this.second.getAndSet(now) != now) {
			this.inSecond.set(0);
		}
		if (this.inSecond.incrementAndGet() > this.options.maxPerSecond()) {
			throw new FeedbackRejectedException(429,
					"more than " + this.options.maxPerSecond() + " feedback submissions a second; retry later");
		}
		if (!this.names.contains(name)) {
			synchronized (this.names) {
				if (!this.names.contains(name) && this.names.size() >= this.options.maxNames()) {
					throw new FeedbackRejectedException(400, "more than " + this.options.maxNames()
							+ " distinct feedback names; use one of " + this.names);
				}
				this.names.add(name);
			}
		}
	}

	private void emit(Feedback feedback, String rootSpanId) {
		AttributesBuilder attributes = Attributes.builder()
			.put(LlmObsAttributes.GEN_AI_EVALUATION_NAME, feedback.evaluationName())
			.put(LlmObsAttributes.GEN_AI_EVALUATION_VERDICT, feedback.verdict().value())
			.put(LLMOBS_FEEDBACK, true);
		if (feedback.score() != null) {
			attributes.put(LlmObsAttributes.GEN_AI_EVALUATION_SCORE_VALUE, feedback.score());
		}
		attributes.put(LlmObsAttributes.GEN_AI_EVALUATION_SCORE_LABEL,
				(feedback.label() != null) ? feedback.label() : feedback.verdict().value());
		if (feedback.comment() != null) {
			attributes.put(LlmObsAttributes.GEN_AI_EVALUATION_EXPLANATION, feedback.comment());
		}
		Context context = Context.root();
		if (rootSpanId != null) {
			context = context.with(Span.wrap(SpanContext.create(feedback.traceId(), rootSpanId, TraceFlags.getSampled(),
					TraceState.getDefault())));
		}
		else {
			attributes.put(LLMOBS_FEEDBACK_TRACE_ID, feedback.traceId());
		}
		this.logger.logRecordBuilder()
			.setContext(context)
			.setSeverity(Severity.INFO)
			.setEventName("gen_ai.evaluation.result")
			.setAllAttributes(attributes.build())
			.setBody("feedback " + feedback.name() + ": " + feedback.verdict().value())
			.emit();
	}

}
