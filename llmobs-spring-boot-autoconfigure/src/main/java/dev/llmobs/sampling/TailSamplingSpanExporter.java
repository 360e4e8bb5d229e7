package dev.llmobs.sampling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.llmobs.failure.RecordingFailures;

/**
 * In-process tail sampling in front of an exporter. The spans of each trace are held
 * until its local root span has ended and a grace period has passed (for asynchronous
 * evaluations), then the whole trace is exported or dropped: kept when a rule matched
 * (the reason goes on the root as {@code llmobs.sampling.reason}), else by a rate decided
 * from the trace id. Spans that arrive after their trace was decided follow the decision,
 * so a trace is never exported in part. Memory is bounded by the number of traces held,
 * the spans per trace and an estimate of their bytes; at a limit the oldest trace is
 * decided at once (forced), never silently lost. Spans reach this exporter from Boot's
 * batch processor, off the request thread; decisions due by time are taken by one daemon
 * thread.
 */
public final class TailSamplingSpanExporter implements SpanExporter {

	private static final Log logger = LogFactory.getLog(TailSamplingSpanExporter.class);

	private static final int REMEMBERED_DECISIONS = 100_000;

	private static final long TICK_MILLIS = 100;

	private final SpanExporter delegate;

	private final SamplingRules rules;

	private final Limits limits;

	private final SamplingListener listener;

	private final LongSupplier nanoTime;

	private final Object lock = new Object();

	private final Object exportLock = new Object();

	/** Traces held, oldest first. */
	private final LinkedHashMap<String, PendingTrace> pending = new LinkedHashMap<>();

	/** Recent decisions: the reason a trace was kept, or empty when it was dropped. */
	private final Map<String, String> decided = new LinkedHashMap<>(1024, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
			return size() > REMEMBERED_DECISIONS;
		}

	};

	private long pendingBytes;

	private final ScheduledExecutorService scheduler;

	/**
	 * Creates the exporter with a daemon thread that takes decisions when they are due.
	 * @param delegate the exporter of kept traces
	 * @param rules the keep rules
	 * @param limits the memory limits and grace period
	 * @param listener told about each decision
	 */
	public TailSamplingSpanExporter(SpanExporter delegate, SamplingRules rules, Limits limits,
			SamplingListener listener) {
		this(delegate, rules, limits, listener, System::nanoTime, true);
	}

	TailSamplingSpanExporter(SpanExporter delegate, SamplingRules rules, Limits limits, SamplingListener listener,
			LongSupplier nanoTime, boolean schedule) {
		this.delegate = delegate;
		this.rules = rules;
		this.limits = limits;
		this.listener = listener;
		this.nanoTime = nanoTime;
		this.scheduler = schedule ? Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "llmobs-tail-sampling");
			thread.setDaemon(true);
			return thread;
		}) : null;
		if (this.scheduler != null) {
			this.scheduler.scheduleWithFixedDelay(this::exportDue, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		List<SpanData> kept = new ArrayList<>();
		try {
			synchronized (this.lock) {
				long now = this.nanoTime.getAsLong();
				for (SpanData span : spans) {
					accept(span, now, kept);
				}
				decideDue(now, kept);
			}
		}
		catch (RuntimeException ex) {
			RecordingFailures.record("tail sampling", ex);
			return send(new ArrayList<>(spans));
		}
		return kept.isEmpty() ? CompletableResultCode.ofSuccess() : send(kept);
	}

	/**
	 * Hands kept spans to the delegate, one call at a time: both Boot's batch processor
	 * and the decision thread export, and an exporter need not accept concurrent calls.
	 */
	private CompletableResultCode send(List<SpanData> kept) {
		synchronized (this.exportLock) {
			return this.delegate.export(kept);
		}
	}

	/**
	 * Takes the decisions that are due and exports the kept traces; run by the daemon
	 * thread, and by tests with a controlled clock.
	 */
	void exportDue() {
		try {
			List<SpanData> kept = new ArrayList<>();
			synchronized (this.lock) {
				decideDue(this.nanoTime.getAsLong(), kept);
			}
			if (!kept.isEmpty()) {
				send(kept);
			}
		}
		catch (RuntimeException ex) {
			RecordingFailures.record("tail sampling", ex);
		}
	}

	/**
	 * The number of traces held undecided.
	 * @return the count
	 */
	public int pendingTraces() {
		synchronized (this.lock) {
			return this.pending.size();
		}
	}

	/**
	 * The estimated bytes held undecided.
	 * @return the estimate
	 */
	public long pendingBytes() {
		synchronized (this.lock) {
			return this.pendingBytes;
		}
	}

	private void accept(SpanData span, long now, List<SpanData> kept) {
		String traceId = span.getTraceId();
		String decision = this.decided.get(traceId);
		if (decision != null) {
			if (!decision.isEmpty()) {
				kept.add(PendingTrace.isLocalRoot(span) ? new SampledSpanData(span, decision) : span);
			}
			return;
		}
		PendingTrace trace = this.pending.computeIfAbsent(traceId, PendingTrace::new);
		this.pendingBytes += trace.add(span, this.rules, now);
		if (trace.spans.size() >= this.limits.maxSpansPerTrace()) {
			decide(trace, true, kept);
		}
		while (!this.pending.isEmpty()
				&& (this.pending.size() > this.limits.maxTraces() || this.pendingBytes > this.limits.maxBytes())) {
			decide(this.pending.values().iterator().next(), true, kept);
		}
	}

	private void decideDue(long now, List<SpanData> kept) {
		long grace = this.limits.gracePeriod().toNanos();
		Iterator<PendingTrace> traces = this.pending.values().iterator();
		List<PendingTrace> due = new ArrayList<>();
		while (traces.hasNext()) {
			PendingTrace trace = traces.next();
			if (trace.root != null && now - trace.rootSeenNanos >= grace) {
				due.add(trace);
			}
		}
		for (PendingTrace trace : due) {
			decide(trace, false, kept);
		}
	}

	private void decide(PendingTrace trace, boolean forced, List<SpanData> kept) {
		boolean llmExcluded = this.rules.llmTracesOnly() && !trace.llm;
		String reason = llmExcluded ? null : trace.reason;
		if (reason == null && !llmExcluded) {
			reason = this.rules.reasonOf(trace.cost, trace.root);
		}
		if (reason == null && !llmExcluded && this.rules.keptByRate(trace.traceId)) {
			reason = SamplingRules.RATE;
		}
		boolean keep = reason != null;
		if (keep) {
			for (SpanData span : trace.spans) {
				kept.add((span == trace.root) ? new SampledSpanData(span, reason) : span);
			}
		}
		this.pending.remove(trace.traceId);
		this.pendingBytes -= trace.bytes;
		this.decided.put(trace.traceId, keep ? reason : "");
		try {
			this.listener.decided(keep, keep ? reason : (llmExcluded ? SamplingRules.NOT_LLM : SamplingRules.NONE),
					forced, trace.spans.size());
		}
		catch (RuntimeException ex) {
			RecordingFailures.record("a sampling decision", ex);
		}
	}

	/**
	 * Decides every trace held (as at shutdown) and flushes the delegate.
	 */
	@Override
	public CompletableResultCode flush() {
		List<SpanData> kept = new ArrayList<>();
		synchronized (this.lock) {
			for (PendingTrace trace : new ArrayList<>(this.pending.values())) {
				decide(trace, false, kept);
			}
		}
		if (!kept.isEmpty()) {
			send(kept).join(10, TimeUnit.SECONDS);
		}
		return this.delegate.flush();
	}

	@Override
	public CompletableResultCode shutdown() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
		try {
			flush().join(10, TimeUnit.SECONDS);
		}
		catch (RuntimeException ex) {
			logger.warn("llmobs tail sampling could not export the traces it held at shutdown", ex);
		}
		return this.delegate.shutdown();
	}

	/**
	 * What tail sampling may hold, and for how long after the root ends.
	 *
	 * @param maxTraces traces held at most
	 * @param maxSpansPerTrace spans held per trace at most
	 * @param maxBytes estimated bytes held at most
	 * @param gracePeriod how long a trace is held after its local root ends
	 */
	public record Limits(int maxTraces, int maxSpansPerTrace, long maxBytes, Duration gracePeriod) {

	}

}
