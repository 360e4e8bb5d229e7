package dev.llmobs.springai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.SafeGuardAdvisor;
import org.springframework.ai.chat.client.advisor.ToolCallingAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.execution.DefaultToolExecutionExceptionProcessor;
import org.springframework.ai.tool.execution.ToolExecutionExceptionProcessor;
import org.springframework.aop.framework.ProxyFactory;

import dev.llmobs.LlmObs;
import dev.llmobs.capture.CaptureListener;
import dev.llmobs.capture.CaptureMode;
import dev.llmobs.capture.CaptureOptions;
import dev.llmobs.capture.ContentCapture;
import dev.llmobs.capture.RedactionKind;
import dev.llmobs.capture.Redactor;
import dev.llmobs.context.ContextStampingSpanProcessor;
import dev.llmobs.llm.PricingTable;
import dev.llmobs.llm.UsageExtractors;
import dev.llmobs.trace.Convention;
import dev.llmobs.trace.LlmCallRecorder;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.convention.LlmSpanConventions;
import dev.llmobs.trace.document.DocumentExtractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real Spring AI {@code ChatClient} (its advisor chain and tool calling loop) over a
 * scripted chat model, observed through Micrometer's real tracing handler over the
 * OpenTelemetry SDK with the enrichers registered after it, as Boot registers them.
 */
class SpringAiAgentToolEnrichmentTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(new ContextStampingSpanProcessor())
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ScriptedModel model = new ScriptedModel();

	@AfterEach
	void close() {
		this.tracerProvider.close();
	}

	private ObservationRegistry registry(List<Convention> conventions, CaptureMode mode, boolean captureInputs) {
		Redactor redactor = Redactor.of(EnumSet.of(RedactionKind.EMAILS, RedactionKind.SECRETS), List.of());
		ContentCapture capture = new ContentCapture(new CaptureOptions(mode, 200, redactor), new CaptureListener() {
		});
		LlmCallRecorder recorder = new LlmCallRecorder(new UsageExtractors(List.of()), new PricingTable(Map.of()),
				(provider, model, usage, cost, truncated) -> {
				});
		LlmSpanWriter writer = new LlmSpanWriter(capture, capture, new DocumentExtractor(List.of(), 5),
				LlmSpanConventions.of(conventions), 128, recorder);
		OtelTracer tracer = new OtelTracer(this.tracerProvider.get("test"), new OtelCurrentTraceContext(), (event) -> {
		});
		ToolExecutionMeter meter = new ToolExecutionMeter();
		meter.bindTo(this.meters);
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new DefaultTracingObservationHandler(tracer))
			.observationHandler(new ChatClientObservationEnricher(writer, new ChatClientAgentName("support-agent"),
					captureInputs, true))
			.observationHandler(new AdvisorObservationEnricher(writer))
			.observationHandler(new ToolCallObservationEnricher(writer, meter, captureInputs, true));
		return observations;
	}

	private ObservationRegistry registry() {
		return registry(List.copyOf(Convention.DEFAULTS), CaptureMode.FULL, true);
	}

	private ChatClient client(ObservationRegistry observations) {
		ToolExecutionExceptionProcessor processor = recording(DefaultToolExecutionExceptionProcessor.builder().build(),
				observations);
		ToolCallingManager tools = ToolCallingManager.builder()
			.observationRegistry(observations)
			.toolExecutionExceptionProcessor(processor)
			.build();
		return ChatClient
			.builder(this.model, observations, null, null, ToolCallingAdvisor.builder().toolCallingManager(tools))
			.build();
	}

	/** What the auto-configuration's post-processor does to the processor bean. */
	private static ToolExecutionExceptionProcessor recording(ToolExecutionExceptionProcessor processor,
			ObservationRegistry observations) {
		ProxyFactory proxy = new ProxyFactory(processor);
		proxy.setProxyTargetClass(true);
		proxy.addAdvice(new ToolFailureRecorder(() -> observations));
		return (ToolExecutionExceptionProcessor) proxy.getProxy();
	}

	@Test
	void turnWithToolsIsAnAgentWithItsToolSpanBetweenTwoModelCalls() {
		this.model.reply(toolCall("call-1", "lookUpPlan", "{\"customerId\":\"C-42\"}"));
		this.model.reply(text("Customer C-42 is on the Pro plan."));

		String answer = client(registry()).prompt()
			.user("Which plan is C-42 on? Mail me at jane@example.com")
			.tools(new PlanTools())
			.call()
			.content();

		assertThat(answer).isEqualTo("Customer C-42 is on the Pro plan.");
		SpanData turn = span("spring_ai chat_client");
		assertThat(attr(turn, "openinference.span.kind")).isEqualTo("AGENT");
		assertThat(attr(turn, "llmobs.span.kind")).isEqualTo("agent");
		assertThat(attr(turn, "gen_ai.operation.name")).isEqualTo("invoke_agent");
		assertThat(attr(turn, "gen_ai.agent.name")).isEqualTo("support-agent");
		assertThat(attr(turn, "input.value")).isEqualTo("Which plan is C-42 on? Mail me at [REDACTED:email]");
		assertThat(attr(turn, "output.value")).isEqualTo("Customer C-42 is on the Pro plan.");

		SpanData tool = span("execute_tool lookUpPlan");
		assertThat(tool.getTraceId()).isEqualTo(turn.getTraceId());
		assertThat(attr(tool, "openinference.span.kind")).isEqualTo("TOOL");
		assertThat(attr(tool, "gen_ai.operation.name")).isEqualTo("execute_tool");
		assertThat(attr(tool, "tool.name")).isEqualTo("lookUpPlan");
		assertThat(attr(tool, "gen_ai.tool.name")).isEqualTo("lookUpPlan");
		assertThat(attr(tool, "tool.description")).isEqualTo("Looks up the plan a customer is on");
		assertThat(attr(tool, "gen_ai.tool.description")).isEqualTo("Looks up the plan a customer is on");
		assertThat(attr(tool, "tool.parameters")).contains("\"customerId\"");
		assertThat(attr(tool, "gen_ai.tool.call.id")).isEqualTo("call-1");
		assertThat(attr(tool, "input.value")).isEqualTo("{\"customerId\":\"C-42\"}");
		assertThat(attr(tool, "input.mime_type")).isEqualTo("application/json");
		assertThat(attr(tool, "output.value")).isEqualTo("\"Pro\"");
		assertThat(tool.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
		assertThat(hasAncestor(tool, turn)).isTrue();

		// The second model call was given the tool's result.
		assertThat(this.model.prompts).hasSize(2);
		assertThat(this.model.prompts.get(1).getInstructions())
			.anyMatch((message) -> message.getText() == null || message.getMessageType().getValue().equals("tool"));

		assertThat(this.exporter.getFinishedSpanItems())
			.allMatch((span) -> attr(span, "openinference.span.kind") != null);
		Timer timer = this.meters.find(ToolExecutionMeter.NAME)
			.tags("gen_ai.tool.name", "lookUpPlan", "error.type", "none", "gen_ai.operation.name", "execute_tool")
			.timer();
		assertThat(timer).isNotNull();
		assertThat(timer.count()).isOne();
	}

	@Test
	void streamedTurnRecordsTheAggregatedFinalContent() {
		this.model.reply(toolCall("call-7", "lookUpPlan", "{\"customerId\":\"C-7\"}"));
		this.model.reply(text("C-7 is on the Pro plan."));

		List<String> chunks = client(registry()).prompt()
			.user("Plan of C-7?")
			.tools(new PlanTools())
			.stream()
			.content()
			.collectList()
			.block();

		assertThat(String.join("", chunks)).isEqualTo("C-7 is on the Pro plan.");
		// The turn's observation stops just after the last chunk reached the caller.
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> names().contains("spring_ai chat_client"));
		SpanData turn = span("spring_ai chat_client");
		assertThat(attr(turn, "openinference.span.kind")).isEqualTo("AGENT");
		assertThat(attr(turn, "gen_ai.operation.name")).isEqualTo("invoke_agent");
		assertThat(attr(turn, "input.value")).isEqualTo("Plan of C-7?");
		assertThat(attr(turn, "output.value")).isEqualTo("C-7 is on the Pro plan.");
		SpanData tool = span("execute_tool lookUpPlan");
		assertThat(attr(tool, "output.value")).isEqualTo("\"Pro\"");
		assertThat(hasAncestor(tool, turn)).isTrue();
	}

	@Test
	void streamCancelledBeforeItsEndMarksTheTurnCancelled() {
		this.model.hangAfterFirstChunk = true;
		this.model.reply(text("Partial"));

		String first = client(registry()).prompt().user("Talk slowly").stream().content().take(1).blockLast();

		assertThat(first).isEqualTo("Partial");
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> names().contains("spring_ai chat_client"));
		SpanData turn = span("spring_ai chat_client");
		assertThat(attr(turn, "llmobs.cancelled")).isEqualTo("true");
		assertThat(attr(turn, "output.value")).isNull();
	}

	@Test
	void turnWithoutToolsIsAChainWithTheEntityAsJsonOutput() {
		this.model.reply(text("{\"plan\":\"Pro\",\"seats\":5}"));

		PlanSummary summary = client(registry()).prompt()
			.user("Summarize the plan")
			.advisors((advisors) -> advisors.param(ChatClientAgentName.PARAM, "summary-agent"))
			.call()
			.entity(PlanSummary.class);

		assertThat(summary).isEqualTo(new PlanSummary("Pro", 5));
		SpanData turn = span("spring_ai chat_client");
		assertThat(attr(turn, "openinference.span.kind")).isEqualTo("CHAIN");
		assertThat(attr(turn, "gen_ai.operation.name")).isEqualTo("invoke_workflow");
		assertThat(attr(turn, "gen_ai.workflow.name")).isEqualTo("summary-agent");
		assertThat(attr(turn, "output.value")).isEqualTo("{\"plan\":\"Pro\",\"seats\":5}");
		assertThat(attr(turn, "output.mime_type")).isEqualTo("application/json");
	}

	@Test
	void throwingToolIsAnErrorSpanAndTheTurnCompletesAsSpringAiDecides() {
		this.model.reply(toolCall("call-9", "cancelSubscription", "{\"customerId\":\"C-9\"}"));
		this.model.reply(text("I could not cancel it."));

		String answer = client(registry()).prompt().user("Cancel C-9").tools(new PlanTools()).call().content();

		assertThat(answer).isEqualTo("I could not cancel it.");
		SpanData tool = span("execute_tool cancelSubscription");
		assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(attr(tool, "error.type")).isEqualTo(IllegalStateException.class.getName());
		assertThat(tool.getEvents()).anyMatch((event) -> event.getName().equals("exception"));
		// Spring AI's default processor gave the model the failure's message.
		assertThat(attr(tool, "output.value")).contains("billing system is down");
		SpanData turn = span("spring_ai chat_client");
		assertThat(turn.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
		assertThat(attr(turn, "output.value")).isEqualTo("I could not cancel it.");
		assertThat(this.meters.find(ToolExecutionMeter.NAME)
			.tags("gen_ai.tool.name", "cancelSubscription", "error.type", IllegalStateException.class.getName())
			.timer()
			.count()).isOne();
	}

	@Test
	void failingModelCallMarksTheTurnAndLeavesTheExceptionToTheCaller() {
		this.model.fail(new IllegalStateException("provider down"));

		assertThatThrownBy(() -> client(registry()).prompt().user("hello").call().content())
			.hasMessageContaining("provider down");

		SpanData turn = span("spring_ai chat_client");
		assertThat(turn.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(attr(turn, "error.type")).isEqualTo(IllegalStateException.class.getName());
	}

	@Test
	void advisorsAreChainsAndTheSafeguardIsAGuardrail() {
		this.model.reply(text("Fine."));

		client(registry()).prompt()
			.user("hello")
			.advisors(SafeGuardAdvisor.builder().sensitiveWords(List.of("forbidden")).build())
			.call()
			.content();

		List<SpanData> advisors = this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> "advisor".equals(attr(span, "spring.ai.kind")))
			.toList();
		assertThat(advisors).isNotEmpty();
		assertThat(advisors).filteredOn((span) -> "SafeGuardAdvisor".equals(attr(span, "spring.ai.advisor.name")))
			.singleElement()
			.satisfies((span) -> {
				assertThat(attr(span, "openinference.span.kind")).isEqualTo("GUARDRAIL");
				assertThat(attr(span, "llmobs.span.kind")).isEqualTo("guardrail");
			});
		assertThat(advisors).filteredOn((span) -> !"SafeGuardAdvisor".equals(attr(span, "spring.ai.advisor.name")))
			.isNotEmpty()
			.allMatch((span) -> "CHAIN".equals(attr(span, "openinference.span.kind")));
	}

	@Test
	void chatMemoryConversationBecomesTheSessionOfTheTurnAndItsToolsWhenNoneIsInScope() {
		this.model.reply(toolCall("call-3", "lookUpPlan", "{\"customerId\":\"C-3\"}"));
		this.model.reply(text("Pro."));

		client(registry()).prompt()
			.user("Plan of C-3?")
			.tools(new PlanTools())
			.advisors((advisors) -> advisors.param(ChatMemory.CONVERSATION_ID, "conversation-3"))
			.call()
			.content();

		SpanData turn = span("spring_ai chat_client");
		assertThat(attr(turn, "session.id")).isEqualTo("conversation-3");
		assertThat(attr(turn, "gen_ai.conversation.id")).isEqualTo("conversation-3");
		assertThat(attr(span("execute_tool lookUpPlan"), "session.id")).isEqualTo("conversation-3");
	}

	@Test
	void aSessionInScopeWinsOverTheChatMemoryConversation() {
		this.model.reply(text("Hi."));

		try (var session = LlmObs.session("web-session")) {
			client(registry()).prompt()
				.user("hello")
				.advisors((advisors) -> advisors.param(ChatMemory.CONVERSATION_ID, "conversation-4"))
				.call()
				.content();
		}

		assertThat(attr(span("spring_ai chat_client"), "session.id")).isEqualTo("web-session");
	}

	@Test
	void captureOffRecordsNoArgumentsResultOrMessagesButKeepsTheStructure() {
		this.model.reply(toolCall("call-5", "lookUpPlan", "{\"customerId\":\"C-5\"}"));
		this.model.reply(text("Pro."));

		client(registry(List.copyOf(Convention.DEFAULTS), CaptureMode.NONE, true)).prompt()
			.user("Plan of C-5?")
			.tools(new PlanTools())
			.call()
			.content();

		SpanData tool = span("execute_tool lookUpPlan");
		assertThat(attr(tool, "openinference.span.kind")).isEqualTo("TOOL");
		assertThat(attr(tool, "input.value")).isNull();
		assertThat(attr(tool, "output.value")).isNull();
		assertThat(attr(span("spring_ai chat_client"), "input.value")).isNull();
	}

	@Test
	void hashModeRecordsDigestsOfArgumentsAndResult() {
		this.model.reply(toolCall("call-6", "lookUpPlan", "{\"customerId\":\"C-6\"}"));
		this.model.reply(text("Pro."));

		client(registry(List.copyOf(Convention.DEFAULTS), CaptureMode.HASH, true)).prompt()
			.user("Plan of C-6?")
			.tools(new PlanTools())
			.call()
			.content();

		SpanData tool = span("execute_tool lookUpPlan");
		assertThat(attr(tool, "input.value")).startsWith("sha256:");
		assertThat(attr(tool, "output.value")).startsWith("sha256:");
	}

	@Test
	void newestGenAiConventionsWriteTheCallArgumentsAndResult() {
		this.model.reply(toolCall("call-8", "lookUpPlan", "{\"customerId\":\"C-8\"}"));
		this.model.reply(text("Pro."));

		client(registry(List.of(Convention.GEN_AI_LATEST), CaptureMode.FULL, true)).prompt()
			.user("Plan of C-8?")
			.tools(new PlanTools())
			.call()
			.content();

		SpanData tool = span("execute_tool lookUpPlan");
		assertThat(attr(tool, "gen_ai.tool.call.arguments")).isEqualTo("{\"customerId\":\"C-8\"}");
		assertThat(attr(tool, "gen_ai.tool.call.result")).isEqualTo("\"Pro\"");
		assertThat(attr(tool, "gen_ai.tool.type")).isEqualTo("function");
		assertThat(attr(tool, "gen_ai.tool.call.id")).isEqualTo("call-8");
		assertThat(attr(tool, "openinference.span.kind")).isNull();
		SpanData turn = span("spring_ai chat_client");
		assertThat(attr(turn, "gen_ai.input.messages")).contains("Plan of C-8?");
		assertThat(attr(turn, "gen_ai.output.messages")).contains("Pro.");
	}

	@Test
	void unsampledTurnsAndToolsAreLeftAloneAndTheAnswerIsUnchanged() {
		SdkTracerProvider unsampled = SdkTracerProvider.builder()
			.setSampler(io.opentelemetry.sdk.trace.samplers.Sampler.alwaysOff())
			.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
			.build();
		ContentCapture capture = new ContentCapture(
				new CaptureOptions(CaptureMode.FULL, 200, Redactor.of(EnumSet.noneOf(RedactionKind.class), List.of())),
				new CaptureListener() {
				});
		LlmSpanWriter writer = new LlmSpanWriter(capture, capture, new DocumentExtractor(List.of(), 5),
				LlmSpanConventions.of(Convention.DEFAULTS), 128, null);
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new DefaultTracingObservationHandler(
					new OtelTracer(unsampled.get("test"), new OtelCurrentTraceContext(), (event) -> {
					})))
			.observationHandler(new ChatClientObservationEnricher(writer, new ChatClientAgentName(null), true, true))
			.observationHandler(new ToolCallObservationEnricher(writer, null, true, true));
		this.model.reply(toolCall("call-2", "lookUpPlan", "{\"customerId\":\"C-2\"}"));
		this.model.reply(text("Pro."));

		String answer = client(observations).prompt().user("Plan?").tools(new PlanTools()).call().content();

		assertThat(answer).isEqualTo("Pro.");
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		unsampled.close();
	}

	private boolean hasAncestor(SpanData span, SpanData ancestor) {
		String parent = span.getParentSpanId();
		for (int depth = 0; depth < 10; depth++) {
			if (parent.equals(ancestor.getSpanId())) {
				return true;
			}
			String current = parent;
			SpanData next = this.exporter.getFinishedSpanItems()
				.stream()
				.filter((candidate) -> candidate.getSpanId().equals(current))
				.findFirst()
				.orElse(null);
			if (next == null) {
				return false;
			}
			parent = next.getParentSpanId();
		}
		return false;
	}

	private SpanData span(String name) {
		List<SpanData> matching = this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name))
			.toList();
		assertThat(matching).as("spans named " + name + " among " + names()).hasSize(1);
		return matching.get(0);
	}

	private List<String> names() {
		return this.exporter.getFinishedSpanItems().stream().map(SpanData::getName).toList();
	}

	private static String attr(SpanData span, String key) {
		for (Map.Entry<AttributeKey<?>, Object> entry : span.getAttributes().asMap().entrySet()) {
			if (entry.getKey().getKey().equals(key)) {
				return String.valueOf(entry.getValue());
			}
		}
		return null;
	}

	private static ChatResponse toolCall(String id, String name, String arguments) {
		AssistantMessage message = AssistantMessage.builder()
			.content("")
			.toolCalls(List.of(new AssistantMessage.ToolCall(id, "function", name, arguments)))
			.build();
		return new ChatResponse(List.of(new Generation(message)));
	}

	private static ChatResponse text(String text) {
		return new ChatResponse(List.of(new Generation(new AssistantMessage(text))));
	}

	record PlanSummary(String plan, int seats) {
	}

	static class PlanTools {

		@Tool(description = "Looks up the plan a customer is on")
		String lookUpPlan(String customerId) {
			return "Pro";
		}

		@Tool(description = "Cancels a customer's subscription")
		String cancelSubscription(String customerId) {
			throw new IllegalStateException("The billing system is down");
		}

	}

	/** A chat model that answers from a script and remembers what it was asked. */
	static final class ScriptedModel implements ChatModel {

		private final Queue<Object> replies = new ConcurrentLinkedQueue<>();

		final List<Prompt> prompts = new CopyOnWriteArrayList<>();

		void reply(ChatResponse response) {
			this.replies.add(response);
		}

		void fail(RuntimeException error) {
			this.replies.add(error);
		}

		@Override
		public ChatResponse call(Prompt prompt) {
			this.prompts.add(prompt);
			Object next = this.replies.poll();
			if (next instanceof RuntimeException error) {
				throw error;
			}
			return (ChatResponse) next;
		}

		volatile boolean hangAfterFirstChunk;

		@Override
		public Flux<ChatResponse> stream(Prompt prompt) {
			Flux<ChatResponse> first = Flux.defer(() -> Flux.just(call(prompt)));
			return this.hangAfterFirstChunk ? first.concatWith(Flux.never()) : first;
		}

		@Override
		public ChatOptions getOptions() {
			return ToolCallingChatOptions.builder().build();
		}

	}

}
