package dev.llmobs.springai;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

import dev.llmobs.capture.CaptureListener;
import dev.llmobs.capture.CaptureMode;
import dev.llmobs.capture.CaptureOptions;
import dev.llmobs.capture.ContentCapture;
import dev.llmobs.capture.RedactionKind;
import dev.llmobs.capture.Redactor;
import dev.llmobs.llm.LlmCallListener;
import dev.llmobs.llm.ModelPrice;
import dev.llmobs.llm.PricingTable;
import dev.llmobs.llm.UsageExtractors;
import dev.llmobs.trace.Convention;
import dev.llmobs.trace.LlmCallRecorder;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.convention.LlmSpanConventions;
import dev.llmobs.trace.document.DocumentExtractor;

import static org.assertj.core.api.Assertions.assertThat;

class LatestGenAiChatEnrichmentTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final ObservationRegistry registry = registry();

	@AfterEach
	void close() {
		this.tracerProvider.close();
	}

	private ObservationRegistry registry() {
		ContentCapture capture = new ContentCapture(
				new CaptureOptions(CaptureMode.FULL, 200, Redactor.of(EnumSet.of(RedactionKind.EMAILS), List.of())),
				CaptureListener.NONE);
		LlmSpanConventions conventions = LlmSpanConventions
			.of(EnumSet.of(Convention.OPENINFERENCE, Convention.GEN_AI, Convention.GEN_AI_LATEST));
		LlmCallRecorder recorder = new LlmCallRecorder(new UsageExtractors(List.of(new SpringAiUsageExtractor())),
				new PricingTable(Map.of("gpt-4o-mini", new ModelPrice(2.0, 8.0, null))), LlmCallListener.NONE,
				conventions);
		LlmSpanWriter writer = new LlmSpanWriter(capture, capture,
				new DocumentExtractor(List.of(new SpringAiDocumentMapper()), 5), conventions,
				SpanLimits.getDefault().getMaxNumberOfAttributes(), recorder);
		OtelTracer tracer = new OtelTracer(this.tracerProvider.get("test"), new OtelCurrentTraceContext(), (event) -> {
		});
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new DefaultTracingObservationHandler(tracer))
			.observationHandler(new ChatModelObservationEnricher(writer, recorder, true, true));
		return observations;
	}

	private SpanData chat(Prompt prompt, AssistantMessage output, String finishReason) {
		ChatResponse response = new ChatResponse(
				List.of(new Generation(output, ChatGenerationMetadata.builder().finishReason(finishReason).build())),
				ChatResponseMetadata.builder()
					.model("gpt-4o-mini-2024-07-18")
					.usage(new DefaultUsage(100, 20))
					.build());
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(prompt)
			.provider("openai")
			.build();
		ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
			.observation(null, new DefaultChatModelObservationConvention(), () -> context, this.registry)
			.observe(() -> {
				context.setResponse(response);
				return response;
			});
		assertThat(this.exporter.getFinishedSpanItems()).hasSize(1);
		return this.exporter.getFinishedSpanItems().get(0);
	}

	private static JsonNode json(SpanData span, String key) {
		String text = span.getAttributes().get(AttributeKey.stringKey(key));
		assertThat(text).as(key).isNotNull();
		return JSON.readTree(text);
	}

	@Test
	void systemMessagesBecomeSystemInstructionsAndLeaveTheInputMessages() {
		SpanData span = chat(
				new Prompt(List.of(new SystemMessage("You are a support bot."), new UserMessage("Where is order 42?")),
						ChatOptions.builder().model("gpt-4o-mini").build()),
				new AssistantMessage("It ships tomorrow."), "STOP");
		JsonNode instructions = json(span, "gen_ai.system_instructions");
		assertThat(instructions.get(0).get("type").asString()).isEqualTo("text");
		assertThat(instructions.get(0).get("content").asString()).isEqualTo("You are a support bot.");
		JsonNode input = json(span, "gen_ai.input.messages");
		assertThat(input).hasSize(1);
		assertThat(input.get(0).get("role").asString()).isEqualTo("user");
		JsonNode output = json(span, "gen_ai.output.messages");
		assertThat(output.get(0).get("finish_reason").asString()).isEqualTo("stop");
		// OpenInference is unchanged: the system prompt stays the first flattened
		// message.
		assertThat(span.getAttributes().get(AttributeKey.stringKey("llm.input_messages.0.message.role")))
			.isEqualTo("system");
	}

	@Test
	void toolCallsCarryStructuredArgumentsAndToolResponsesTheirIds() {
		AssistantMessage asked = AssistantMessage.builder()
			.content("")
			.toolCalls(List.of(new AssistantMessage.ToolCall("call_1", "function", "lookup_order", "{\"id\":42}")))
			.build();
		ToolResponseMessage answered = ToolResponseMessage.builder()
			.responses(List.of(new ToolResponseMessage.ToolResponse("call_1", "lookup_order", "shipped")))
			.build();
		AssistantMessage output = AssistantMessage.builder()
			.content("")
			.toolCalls(List.of(new AssistantMessage.ToolCall("call_2", "function", "refund", "{\"id\":42,")))
			.build();
		SpanData span = chat(new Prompt(List.of(new UserMessage("Refund order 42"), asked, answered)), output,
				"tool_calls");
		JsonNode input = json(span, "gen_ai.input.messages");
		JsonNode call = input.get(1).get("parts").get(1);
		assertThat(call.get("type").asString()).isEqualTo("tool_call");
		assertThat(call.get("name").asString()).isEqualTo("lookup_order");
		assertThat(call.get("arguments").get("id").asInt()).isEqualTo(42);
		JsonNode response = input.get(2).get("parts").get(0);
		assertThat(input.get(2).get("role").asString()).isEqualTo("tool");
		assertThat(response.get("type").asString()).isEqualTo("tool_call_response");
		assertThat(response.get("id").asString()).isEqualTo("call_1");
		assertThat(response.get("response").asString()).isEqualTo("shipped");
		JsonNode answer = json(span, "gen_ai.output.messages").get(0);
		assertThat(answer.get("finish_reason").asString()).isEqualTo("tool_call");
		// Arguments that are not valid JSON (cut or redacted) stay text.
		assertThat(answer.get("parts").get(1).get("arguments").asString()).isEqualTo("{\"id\":42,");
	}

}
