package dev.llmobs.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.llmobs.capture.CaptureMode;

/**
 * The cost of one traced call, side by side: a direct call, a proxy with a no-op
 * interceptor, a hand-written OpenTelemetry span with the same attributes,
 * {@code @Observed}, and {@code @LlmTask} with capture off, a typical record, a 10 MB and
 * a 4,000-character argument, hash mode, an unsampled trace, and the starter disabled (no
 * proxy: the plain bean).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class OverheadBenchmark {

	private SdkTracerProvider sampled;

	private SdkTracerProvider unsampled;

	private Fixtures.Service direct;

	private Fixtures.Service noOpProxy;

	private Fixtures.Service observed;

	private Fixtures.Service captureOff;

	private Fixtures.Service full;

	private Fixtures.Service hash;

	private Fixtures.Service notSampled;

	private Tracer rawTracer;

	private Tracer rawUnsampledTracer;

	private Fixtures.Ticket ticket;

	private long calls;

	private String tenMegabytes;

	private String fourThousand;

	private String twoThousand;

	@Setup(Level.Trial)
	public void setUp() {
		this.sampled = Fixtures.tracerProvider(Sampler.alwaysOn());
		this.unsampled = Fixtures.tracerProvider(Sampler.alwaysOff());
		this.direct = new Fixtures.Service();
		this.noOpProxy = Fixtures.noOpProxy();
		this.observed = Fixtures.observed(this.sampled);
		this.captureOff = Fixtures.llmObs(this.sampled, CaptureMode.FULL, false);
		this.full = Fixtures.llmObs(this.sampled, CaptureMode.FULL, true);
		this.hash = Fixtures.llmObs(this.sampled, CaptureMode.HASH, true);
		this.notSampled = Fixtures.llmObs(this.unsampled, CaptureMode.FULL, true);
		this.rawTracer = this.sampled.get("raw");
		this.rawUnsampledTracer = this.unsampled.get("raw");
		this.ticket = new Fixtures.Ticket("Where is my order? ".repeat(30).substring(0, 500),
				List.of("billing", "refund", "priority", "eu", "pro"));
		this.tenMegabytes = "x".repeat(10 * 1024 * 1024);
		this.fourThousand = "x".repeat(4000);
		this.twoThousand = "Résumé of the customer's question ".repeat(60).substring(0, 2000);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.sampled.close();
		this.unsampled.close();
	}

	@Benchmark
	public String baselineDirectCall() {
		return this.direct.task(this.ticket);
	}

	@Benchmark
	public String baselineProxyNoOp() {
		return this.noOpProxy.task(this.ticket);
	}

	@Benchmark
	public String baselineRawOtelSpan() {
		return rawSpan(this.rawTracer);
	}

	/** The floor for an unsampled call: the same span with the sampler off. */
	@Benchmark
	public String baselineRawOtelSpanUnsampled() {
		return rawSpan(this.rawUnsampledTracer);
	}

	private String rawSpan(Tracer tracer) {
		Span span = tracer.spanBuilder("Service.task")
			.setAttribute("llmobs.span.kind", "task")
			.setAttribute("openinference.span.kind", "CHAIN")
			.setAttribute("gen_ai.operation.name", "task")
			.setAttribute("input.mime_type", "application/json")
			.setAttribute("output.mime_type", "text/plain")
			.startSpan();
		try (io.opentelemetry.context.Scope scope = span.makeCurrent()) {
			return this.direct.task(this.ticket);
		}
		finally {
			span.end();
		}
	}

	@Benchmark
	public String baselineObserved() {
		return this.observed.observed(this.ticket);
	}

	@Benchmark
	public String llmTaskCaptureOff() {
		return this.captureOff.task(this.ticket);
	}

	@Benchmark
	public String llmTaskTypicalRecord() {
		return this.full.task(this.ticket);
	}

	/**
	 * The typical record with a question no call asked before: its capture is scanned for
	 * secrets every time, where {@link #llmTaskTypicalRecord()}, which passes the same
	 * record again and again, finds it remembered as clean after the second call.
	 * @return the result
	 */
	@Benchmark
	public String llmTaskTypicalRecordNewQuestion() {
		long call = this.calls++;
		return this.full.task(new Fixtures.Ticket(this.ticket.question() + call, this.ticket.tags()));
	}

	@Benchmark
	public String llmTaskTenMegabyteArgument() {
		return this.full.task(this.tenMegabytes);
	}

	@Benchmark
	public String llmTaskFourThousandCharArgument() {
		return this.full.task(this.fourThousand);
	}

	@Benchmark
	public String llmTaskTwoThousandCharsFull() {
		return this.full.task(this.twoThousand);
	}

	@Benchmark
	public String llmTaskTwoThousandCharsHash() {
		return this.hash.task(this.twoThousand);
	}

	@Benchmark
	public String llmTaskUnsampled() {
		return this.notSampled.task(this.ticket);
	}

	@Benchmark
	public String llmObsDisabled() {
		// llmobs.enabled=false registers no advisor: the application calls the plain
		// bean.
		return this.direct.task(this.ticket);
	}

}
