package dev.llmobs.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
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

import dev.llmobs.capture.CaptureListener;
import dev.llmobs.capture.CaptureMode;
import dev.llmobs.capture.CaptureOptions;
import dev.llmobs.capture.ContentCapture;
import dev.llmobs.capture.RedactionKind;
import dev.llmobs.capture.Redactor;
import dev.llmobs.langchain4j.LangChain4jInstrumentation;
import dev.llmobs.langchain4j.LangChain4jSpans;
import dev.llmobs.langchain4j.LlmObsChatModelListener;
import dev.llmobs.llm.LlmCallListener;
import dev.llmobs.llm.PricingTable;
import dev.llmobs.llm.UsageExtractors;
import dev.llmobs.trace.Convention;
import dev.llmobs.trace.LlmCallRecorder;
import dev.llmobs.trace.LlmSpanTracer;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.OperationListener;
import dev.llmobs.trace.convention.LlmSpanConventions;
import dev.llmobs.trace.document.DocumentExtractor;

/**
 * The cost the LangChain4j integration adds to one chat model call (a model that answers
 * at once, so only the instrumentation is timed): the bare model, the model wrapped so
 * that the {@code LlmObsChatModelListener} runs around it (messages captured and checked
 * for secrets, usage, cost), the same when the trace is not sampled.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class LangChain4jBenchmark {

	private SdkTracerProvider sampled;

	private SdkTracerProvider unsampled;

	private ChatModel direct;

	private ChatModel traced;

	private ChatModel tracedNotSampled;

	private ChatRequest request;

	@Setup(Level.Trial)
	public void setUp() {
		this.sampled = Fixtures.tracerProvider(Sampler.alwaysOn());
		this.unsampled = Fixtures.tracerProvider(Sampler.alwaysOff());
		this.direct = new InstantModel();
		this.traced = instrumented(this.sampled);
		this.tracedNotSampled = instrumented(this.unsampled);
		this.request = ChatRequest.builder()
			.messages(SystemMessage.from("You answer questions about the weather."),
					UserMessage.from("What is the weather in Paris tomorrow afternoon?"))
			.build();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.sampled.close();
		this.unsampled.close();
	}

	private static ChatModel instrumented(SdkTracerProvider provider) {
		Redactor redactor = Redactor.of(Set.of(RedactionKind.SECRETS, RedactionKind.CREDIT_CARDS), List.of());
		ContentCapture content = new ContentCapture(new CaptureOptions(CaptureMode.FULL, 4000, redactor),
				CaptureListener.NONE);
		LlmSpanConventions conventions = LlmSpanConventions.of(Convention.DEFAULTS);
		LlmCallRecorder recorder = new LlmCallRecorder(new UsageExtractors(List.of()), new PricingTable(Map.of()),
				LlmCallListener.NONE, conventions);
		LlmSpanWriter writer = new LlmSpanWriter(content, content, new DocumentExtractor(List.of(), 20), conventions,
				SpanLimits.getDefault().getMaxNumberOfAttributes(), recorder);
		LlmSpanTracer tracer = new LlmSpanTracer(provider.get("dev.llmobs"), writer, OperationListener.NONE, null);
		LangChain4jSpans spans = new LangChain4jSpans(tracer, recorder, true, true);
		LlmObsChatModelListener listener = new LlmObsChatModelListener(spans);
		return (ChatModel) new LangChain4jInstrumentation(() -> spans, () -> listener).instrument(new InstantModel(),
				"chatModel");
	}

	@Benchmark
	public ChatResponse bareModel() {
		return this.direct.chat(this.request);
	}

	@Benchmark
	public ChatResponse tracedModel() {
		return this.traced.chat(this.request);
	}

	@Benchmark
	public ChatResponse tracedModelNotSampled() {
		return this.tracedNotSampled.chat(this.request);
	}

	/** A model that answers at once. */
	public static class InstantModel implements ChatModel {

		private static final ChatResponse ANSWER = ChatResponse.builder()
			.aiMessage(AiMessage.from("Sunny, 21 degrees, a light breeze from the west."))
			.modelName("gpt-4o-mini-2024-07-18")
			.tokenUsage(new TokenUsage(42, 12))
			.finishReason(FinishReason.STOP)
			.build();

		@Override
		public ChatResponse doChat(ChatRequest chatRequest) {
			return ANSWER;
		}

		@Override
		public ModelProvider provider() {
			return ModelProvider.OPEN_AI;
		}

	}

}
