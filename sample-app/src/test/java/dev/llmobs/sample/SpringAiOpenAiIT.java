package dev.llmobs.sample;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import dev.llmobs.sample.web.ChatReply;
import dev.llmobs.sample.web.ChatRequest;
import dev.llmobs.testsupport.OtlpReceiverTest;
import dev.llmobs.testsupport.OtlpTestReceiver;
import dev.llmobs.testsupport.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The sample with its real Spring AI OpenAI chat model (the official OpenAI Java SDK
 * underneath) pointed at a local server that replays recorded chat-completions responses;
 * the spans Spring AI itself emits are asserted as received over OTLP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"sample.demo-conversation.enabled=false", "management.opentelemetry.tracing.export.schedule-delay=50ms",
		"spring.ai.openai.api-key=test-key", "spring.ai.openai.max-retries=0", "spring.ai.openai.chat.max-retries=0",
		"spring.ai.openai.chat.options.model=gpt-4o-mini", "llmobs.evaluation.evaluators.answer-quality.enabled=false",
		"llmobs.pricing.models.gpt-4o-mini.input-per-million=2.0",
		"llmobs.pricing.models.gpt-4o-mini.output-per-million=8.0",
		"management.endpoints.web.exposure.include=health,metrics,prometheus" })
@ActiveProfiles("openai")
@AutoConfigureTracing
@OtlpReceiverTest
@AutoConfigureMetrics
class SpringAiOpenAiIT {

	static OtlpTestReceiver receiver;

	static final OpenAiMockServer openAi = OpenAiMockServer.start();

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	ChatModel chatModel;

	@Autowired
	ChatClient.Builder chatClients;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", openAi::baseUrl);
	}

	@AfterAll
	static void stop() {
		openAi.close();
	}

	@Test
	void blockingCallThroughTheAppIsOneLlmSpanWithMessagesTypedUsageAndCost() {
		openAi.enqueue(OpenAiMockServer.Reply.completion("Refunds arrive within 5 business days.", 52, 18, "stop"));
		ChatReply reply = RestClient.create("http://localhost:" + this.port)
			.post()
			.uri("/api/chat")
			.header("X-Session-Id", "ai-session")
			.body(new ChatRequest("How long does a refund take?"))
			.retrieve()
			.body(ChatReply.class);
		assertThat(reply.answer()).isEqualTo("Refunds arrive within 5 business days.");

		List<ReceivedSpan> trace = receiver
			.awaitSpans((spans) -> spans.stream()
				.anyMatch((span) -> span.name().equals("support-flow") && span.traceId().equals(reply.traceId()))
					&& spans.stream().anyMatch((span) -> span.name().startsWith("chat ")), WAIT)
			.stream()
			.filter((span) -> span.traceId().equals(reply.traceId()))
			.toList();
		ReceivedSpan wrapper = only(trace, "OpenAiSupportModel.answer");
		ReceivedSpan chat = only(trace, "chat gpt-4o-mini");
		ReceivedSpan chain = only(trace, "support-flow");

		ReceivedSpan turn = only(trace, "spring_ai chat_client");
		assertThat(turn.parentSpanId()).isEqualTo(wrapper.spanId());
		assertThat(isDescendant(trace, chat, turn)).isTrue();
		assertThat(chat.attr("openinference.span.kind")).isEqualTo("LLM");
		assertThat(chat.attr("llm.provider")).isEqualTo("openai");
		assertThat(chat.attr("llm.system")).isEqualTo("openai");
		assertThat(chat.attr("gen_ai.provider.name")).isEqualTo("openai");
		assertThat(chat.attr("llm.model_name")).isEqualTo("gpt-4o-mini");
		assertThat(chat.attr("gen_ai.response.model")).isEqualTo(OpenAiMockServer.MODEL);
		assertThat(chat.attr("llm.invocation_parameters")).contains("\"model\":\"gpt-4o-mini\"");
		assertThat(chat.attr("llm.input_messages.0.message.role")).isEqualTo("system");
		assertThat(chat.attr("llm.input_messages.1.message.role")).isEqualTo("user");
		assertThat(chat.attr("llm.input_messages.1.message.content")).contains("How long does a refund take?");
		assertThat(chat.attr("llm.output_messages.0.message.role")).isEqualTo("assistant");
		assertThat(chat.attr("llm.output_messages.0.message.content"))
			.isEqualTo("Refunds arrive within 5 business days.");
		assertThat(chat.attr("gen_ai.output.messages")).contains("Refunds arrive within 5 business days.");
		assertThat(chat.longAttr("llm.token_count.prompt")).isEqualTo(52L);
		assertThat(chat.longAttr("llm.token_count.completion")).isEqualTo(18L);
		assertThat(chat.longAttr("llm.token_count.total")).isEqualTo(70L);
		assertThat(chat.longAttr("gen_ai.usage.input_tokens")).isEqualTo(52L);
		assertThat(chat.longAttr("gen_ai.usage.output_tokens")).isEqualTo(18L);
		double expectedCost = 52 * 2.0 / 1_000_000 + 18 * 8.0 / 1_000_000;
		assertThat(chat.doubleAttr("llm.cost.total")).isCloseTo(expectedCost, within(1e-12));
		assertThat(chat.doubleAttr("gen_ai.usage.cost")).isCloseTo(expectedCost, within(1e-12));
		assertThat(chat.attr("session.id")).isEqualTo("ai-session");
		assertThat(chat.attr("gen_ai.prompt.name")).isEqualTo("support-answer");
		assertThat(chat.attr("llm.prompt_template.version")).isEqualTo("2");

		// The @LlmCall wrapper nests the real call and leaves the usage to it: counted
		// once.
		assertThat(wrapper.attr("openinference.span.kind")).isEqualTo("LLM");
		assertThat(wrapper.hasAttr("llm.token_count.prompt")).isFalse();
		assertThat(wrapper.hasAttr("llm.cost.total")).isFalse();
		assertThat(chain.doubleAttr("llmobs.trace.cost")).isCloseTo(expectedCost, within(1e-12));
	}

	@Test
	void streamingCallEndsAfterTheLastChunkWithAggregatedOutputAndFinalUsage() {
		openAi.enqueue(OpenAiMockServer.Reply.stream(List.of("Hello", ", ", "streaming world!"), 11, 6, 0));
		List<ChatResponse> chunks = this.chatModel.stream(new Prompt(new UserMessage("stream-test: say hello")))
			.collectList()
			.block(WAIT);
		assertThat(chunks).isNotEmpty();

		ReceivedSpan chat = awaitChatSpan("stream-test: say hello");
		assertThat(chat.attr("openinference.span.kind")).isEqualTo("LLM");
		assertThat(chat.attr("llm.output_messages.0.message.content")).isEqualTo("Hello, streaming world!");
		assertThat(chat.attr("output.value")).isEqualTo("Hello, streaming world!");
		assertThat(chat.longAttr("llm.token_count.prompt")).isEqualTo(11L);
		assertThat(chat.longAttr("llm.token_count.completion")).isEqualTo(6L);
		assertThat(chat.doubleAttr("llm.cost.total")).isCloseTo(11 * 2.0 / 1_000_000 + 6 * 8.0 / 1_000_000,
				within(1e-12));
		assertThat(chat.hasAttr("llmobs.cancelled")).isFalse();
	}

	@Test
	void streamThroughChatClientRecordsTheTimeToFirstChunk() {
		// The server pauses after the first chunk: the first chunk comes well before the
		// end.
		openAi.enqueue(OpenAiMockServer.Reply.stream(List.of("Fast", " answer"), 7, 2, 300));
		List<String> pieces = this.chatClients.build()
			.prompt()
			.user("ttft-test: be quick")
			.stream()
			.content()
			.collectList()
			.block(WAIT);
		assertThat(String.join("", pieces)).isEqualTo("Fast answer");

		ReceivedSpan chat = awaitChatSpan("ttft-test: be quick");
		double durationSeconds = (chat.endEpochNanos() - chat.startEpochNanos()) / 1e9;
		assertThat(chat.doubleAttr("gen_ai.response.time_to_first_chunk")).isPositive().isLessThan(durationSeconds);
		assertThat(chat.events()).anyMatch((event) -> event.name().equals("llmobs.first_element"));
		assertThat(chat.attr("llm.output_messages.0.message.content")).isEqualTo("Fast answer");
	}

	@Test
	void streamWithoutUsageFromTheProviderRecordsNoTokensRatherThanZero() {
		openAi.enqueue(OpenAiMockServer.Reply.streamWithoutUsage(List.of("No", " usage")));
		this.chatModel.stream(new Prompt(new UserMessage("no-usage-test"))).collectList().block(WAIT);

		ReceivedSpan chat = awaitChatSpan("no-usage-test");
		assertThat(chat.attr("llm.output_messages.0.message.content")).isEqualTo("No usage");
		assertThat(chat.attributes().get("llm.token_count.prompt")).isNull();
		assertThat(chat.hasAttr("llm.cost.total")).isFalse();
		// Spring AI reports a stream's finish reason as the SDK enum's name ("STOP").
		assertThat(chat.attributes().get("gen_ai.response.finish_reasons")).asString().containsIgnoringCase("stop");
	}

	@Test
	void streamCancelledHalfWayIsMarkedCancelledWithoutUsage() {
		openAi.enqueue(OpenAiMockServer.Reply.stream(List.of("First", " never", " seen"), 9, 3, 3_000));
		ChatResponse first = this.chatModel.stream(new Prompt(new UserMessage("cancel-test: talk slowly")))
			.take(1)
			.blockLast(WAIT);
		assertThat(first).isNotNull();

		ReceivedSpan chat = awaitChatSpan("cancel-test: talk slowly");
		assertThat(chat.attributes().get("llmobs.cancelled")).isEqualTo(true);
		assertThat(chat.events()).anyMatch((event) -> event.name().equals("llmobs.cancelled"));
		assertThat(chat.attributes().get("llm.token_count.prompt")).isNull();
		assertThat(chat.hasAttr("llm.output_messages.0.message.content")).isFalse();
	}

	@Test
	void apiErrorsPropagateAndMarkTheSpan() {
		openAi.enqueue(OpenAiMockServer.Reply.error(429, "rate_limit_exceeded", "Rate limit reached for gpt-4o-mini"));
		assertThatThrownBy(() -> this.chatModel.call(new Prompt(new UserMessage("error-test: 429"))))
			.hasMessageContaining("Rate limit reached");
		openAi.enqueue(OpenAiMockServer.Reply.error(500, "server_error", "The server had an error"));
		assertThatThrownBy(() -> this.chatModel.call(new Prompt(new UserMessage("error-test: 500"))))
			.hasMessageContaining("The server had an error");

		for (String prompt : List.of("error-test: 429", "error-test: 500")) {
			ReceivedSpan chat = awaitChatSpan(prompt);
			assertThat(chat.statusCode()).as(prompt).isEqualTo("STATUS_CODE_ERROR");
			assertThat(chat.attr("error.type")).as(prompt).startsWith("com.openai.errors.");
			assertThat(chat.attributes().get("llm.token_count.prompt")).isNull();
		}
	}

	@Test
	void outputCutAtTheTokenLimitIsFlaggedTruncated() {
		openAi.enqueue(OpenAiMockServer.Reply.completion("This answer stops mid", 20, 64, "length"));
		this.chatModel.call(new Prompt(new SystemMessage("Be brief."), new UserMessage("truncation-test")));

		ReceivedSpan chat = awaitChatSpan("truncation-test");
		assertThat(chat.attributes().get("llmobs.truncated")).isEqualTo(true);
		assertThat(chat.events()).anyMatch((event) -> event.name().equals("llmobs.truncated"));
	}

	@Test
	void prometheusScrapeRendersOurTokenMeterAndNotSpringAisCounter() {
		openAi.enqueue(OpenAiMockServer.Reply.completion("metered", 1000, 200, "stop"));
		this.chatModel.call(new Prompt(new UserMessage("metrics-test")));

		String scrape = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/actuator/prometheus")
			.retrieve()
			.body(String.class);
		// One meter of that name, ours (Spring AI's counter would render as ..._total).
		assertThat(scrape).contains("# TYPE gen_ai_client_token_usage summary")
			.doesNotContain("gen_ai_client_token_usage_total")
			.doesNotContain("gen_ai_client_token_usage__");
		assertThat(scrape).containsPattern(
				"gen_ai_client_token_usage_sum\\{[^}]*gen_ai_provider_name=\"openai\"[^}]*gen_ai_token_type=\"input\"[^}]*} [1-9]");
		assertThat(scrape).contains("gen_ai_client_operation_seconds");
		assertThat(scrape).contains("llmobs_cost_usd_total{gen_ai_provider_name=\"openai\"");
	}

	@Test
	void blockingAgentTurnCallsTheToolBetweenTwoModelCallsAndTheSecondSeesItsResult() {
		openAi.enqueue(
				OpenAiMockServer.Reply.toolCall("call_plan_1", "lookUpPlan", "{\"customerId\":\"C-2002\"}", 40, 12));
		openAi.enqueue(OpenAiMockServer.Reply.completion("Customer C-2002 is on the Team plan.", 80, 20, "stop"));
		ChatReply reply = RestClient.create("http://localhost:" + this.port)
			.post()
			.uri("/api/chat")
			.body(new ChatRequest("Which plan is customer C-2002 on?"))
			.retrieve()
			.body(ChatReply.class);
		assertThat(reply.answer()).isEqualTo("Customer C-2002 is on the Team plan.");

		List<ReceivedSpan> trace = awaitTurnTrace(reply.traceId(), 2);
		ReceivedSpan server = trace.stream().filter((span) -> span.parentSpanId().isEmpty()).findFirst().orElseThrow();
		ReceivedSpan turn = only(trace, "spring_ai chat_client");
		List<ReceivedSpan> chats = chats(trace);
		ReceivedSpan tool = only(trace, "execute_tool lookUpPlan");

		assertThat(server.kind()).contains("SERVER");
		assertThat(isDescendant(trace, turn, server)).isTrue();
		assertThat(turn.attr("openinference.span.kind")).isEqualTo("AGENT");
		assertThat(turn.attr("gen_ai.operation.name")).isEqualTo("invoke_agent");
		assertThat(turn.attr("gen_ai.agent.name")).isEqualTo("nimbus-support-bot");
		assertThat(turn.attr("input.value")).contains("Which plan is customer C-2002 on?");
		assertThat(turn.attr("output.value")).isEqualTo("Customer C-2002 is on the Team plan.");

		assertThat(chats).hasSize(2).allMatch((chat) -> isDescendant(trace, chat, turn));
		assertThat(isDescendant(trace, tool, turn)).isTrue();
		assertThat(chats.get(0).endEpochNanos()).isLessThanOrEqualTo(tool.startEpochNanos());
		assertThat(tool.endEpochNanos()).isLessThanOrEqualTo(chats.get(1).startEpochNanos());
		assertThat(chats.get(0).attr("llm.output_messages.0.message.tool_calls.0.tool_call.function.name"))
			.isEqualTo("lookUpPlan");

		assertThat(tool.attr("openinference.span.kind")).isEqualTo("TOOL");
		assertThat(tool.attr("gen_ai.operation.name")).isEqualTo("execute_tool");
		assertThat(tool.attr("tool.name")).isEqualTo("lookUpPlan");
		assertThat(tool.attr("gen_ai.tool.name")).isEqualTo("lookUpPlan");
		assertThat(tool.attr("tool.description")).startsWith("Looks up the subscription plan");
		assertThat(tool.attr("tool.parameters")).contains("customerId");
		assertThat(tool.attr("gen_ai.tool.call.id")).isEqualTo("call_plan_1");
		assertThat(tool.attr("input.value")).isEqualTo("{\"customerId\":\"C-2002\"}");
		assertThat(tool.attr("output.value")).contains("Team (10 seats, chat support)");
		assertThat(tool.statusCode()).isNotEqualTo("STATUS_CODE_ERROR");

		// The second model call was sent the tool's result and shows it.
		Map<String, String> toolMessage = inputMessage(chats.get(1), "tool");
		assertThat(toolMessage.get("content")).contains("Team (10 seats, chat support)");
		assertThat(toolMessage.get("tool_call_id")).isEqualTo("call_plan_1");
		assertThat(chats.get(1).attr("gen_ai.input.messages")).contains("tool_call_response");
		assertThat(openAi.requests()).anyMatch((request) -> request.contains("\"role\":\"tool\"")
				&& request.contains("Team (10 seats, chat support)"));

		assertThat(trace).filteredOn((span) -> span.hasAttr("spring.ai.kind") || span.name().startsWith("chat "))
			.isNotEmpty()
			.allMatch((span) -> span.hasAttr("openinference.span.kind"), "has an OpenInference kind");

		String scrape = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/actuator/prometheus")
			.retrieve()
			.body(String.class);
		assertThat(scrape).containsPattern(
				"gen_ai_execute_tool_duration_seconds_count\\{[^}]*error_type=\"none\"[^}]*gen_ai_tool_name=\"lookUpPlan\"[^}]*} [1-9]");
	}

	@Test
	void streamedAgentTurnCallsTheToolAndEndsWithTheStreamedAnswer() {
		openAi
			.enqueue(OpenAiMockServer.Reply.streamToolCall("call_plan_2", "lookUpPlan", "{\"customerId\":\"C-3003\"}"));
		openAi.enqueue(OpenAiMockServer.Reply.stream(List.of("C-3003 is on", " the Enterprise plan."), 90, 9, 0));
		String events = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/api/chat/stream?message={message}", "stream-tool-test: which plan is C-3003 on?")
			.retrieve()
			.body(String.class);
		assertThat(events).contains("C-3003 is on").contains(" the Enterprise plan.");

		ReceivedSpan tool = receiver
			.awaitSpans((spans) -> spans.stream()
				.anyMatch((span) -> span.name().equals("execute_tool lookUpPlan")
						&& "call_plan_2".equals(span.attr("gen_ai.tool.call.id"))),
					WAIT)
			.stream()
			.filter((span) -> "call_plan_2".equals(span.attr("gen_ai.tool.call.id")))
			.findFirst()
			.orElseThrow();
		List<ReceivedSpan> trace = awaitTurnTrace(tool.traceId(), 2);
		ReceivedSpan turn = only(trace, "spring_ai chat_client");
		List<ReceivedSpan> chats = chats(trace);

		assertThat(turn.attr("openinference.span.kind")).isEqualTo("AGENT");
		assertThat(turn.attr("spring.ai.chat.client.stream")).isEqualTo("true");
		assertThat(turn.attr("output.value")).isEqualTo("C-3003 is on the Enterprise plan.");
		assertThat(tool.attr("input.value")).isEqualTo("{\"customerId\":\"C-3003\"}");
		assertThat(tool.attr("output.value")).contains("Enterprise");
		assertThat(isDescendant(trace, tool, turn)).isTrue();
		assertThat(chats).hasSize(2).allMatch((chat) -> isDescendant(trace, chat, turn));
		assertThat(inputMessage(chats.get(1), "tool").get("content")).contains("Enterprise");
		assertThat(trace.stream().filter((span) -> span.parentSpanId().isEmpty()).findFirst().orElseThrow().kind())
			.contains("SERVER");
	}

	@Test
	void throwingToolIsRecordedAndTheTurnCompletesWithTheModelsAnswer() {
		openAi.enqueue(
				OpenAiMockServer.Reply.toolCall("call_plan_3", "lookUpPlan", "{\"customerId\":\"C-9999\"}", 40, 12));
		openAi.enqueue(OpenAiMockServer.Reply.completion("I could not find customer C-9999.", 70, 10, "stop"));
		ChatReply reply = RestClient.create("http://localhost:" + this.port)
			.post()
			.uri("/api/chat")
			.body(new ChatRequest("Which plan is customer C-9999 on?"))
			.retrieve()
			.body(ChatReply.class);
		assertThat(reply.answer()).isEqualTo("I could not find customer C-9999.");

		List<ReceivedSpan> trace = awaitTurnTrace(reply.traceId(), 2);
		ReceivedSpan tool = only(trace, "execute_tool lookUpPlan");
		ReceivedSpan turn = only(trace, "spring_ai chat_client");
		assertThat(tool.statusCode()).isEqualTo("STATUS_CODE_ERROR");
		assertThat(tool.attr("error.type")).isEqualTo(IllegalArgumentException.class.getName());
		assertThat(tool.events()).anyMatch((event) -> event.name().equals("exception"));
		assertThat(turn.statusCode()).isNotEqualTo("STATUS_CODE_ERROR");
		assertThat(turn.attr("output.value")).isEqualTo("I could not find customer C-9999.");
		// Spring AI's default processor gave the model the failure's message.
		assertThat(inputMessage(chats(trace).get(1), "tool").get("content")).contains("No customer with id C-9999");
	}

	private List<ReceivedSpan> awaitTurnTrace(String traceId, int chats) {
		return receiver.awaitSpans((spans) -> {
			List<ReceivedSpan> trace = spans.stream().filter((span) -> span.traceId().equals(traceId)).toList();
			return trace.stream().anyMatch((span) -> span.name().equals("spring_ai chat_client"))
					&& trace.stream().anyMatch((span) -> span.parentSpanId().isEmpty()) && chats(trace).size() >= chats;
		}, WAIT).stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	private static List<ReceivedSpan> chats(List<ReceivedSpan> trace) {
		return trace.stream()
			.filter((span) -> span.name().startsWith("chat "))
			.sorted(Comparator.comparingLong(ReceivedSpan::startEpochNanos))
			.toList();
	}

	private static Map<String, String> inputMessage(ReceivedSpan chat, String role) {
		for (int i = 0; chat.hasAttr("llm.input_messages." + i + ".message.role"); i++) {
			String prefix = "llm.input_messages." + i + ".message.";
			if (role.equals(chat.attr(prefix + "role"))) {
				Map<String, String> message = new HashMap<>();
				message.put("content", chat.attr(prefix + "content"));
				message.put("tool_call_id", chat.attr(prefix + "tool_call_id"));
				return message;
			}
		}
		throw new AssertionError("no " + role + " message in " + chat.attributes());
	}

	private static boolean isDescendant(List<ReceivedSpan> trace, ReceivedSpan span, ReceivedSpan ancestor) {
		String parent = span.parentSpanId();
		for (int depth = 0; depth < 20 && !parent.isEmpty(); depth++) {
			if (parent.equals(ancestor.spanId())) {
				return true;
			}
			String current = parent;
			parent = trace.stream()
				.filter((candidate) -> candidate.spanId().equals(current))
				.map(ReceivedSpan::parentSpanId)
				.findFirst()
				.orElse("");
		}
		return false;
	}

	private ReceivedSpan awaitChatSpan(String userText) {
		return receiver.awaitSpans((spans) -> spans.stream().anyMatch((span) -> isChatFor(span, userText)), WAIT)
			.stream()
			.filter((span) -> isChatFor(span, userText))
			.findFirst()
			.orElseThrow();
	}

	private static boolean isChatFor(ReceivedSpan span, String userText) {
		String content = span.attr("llm.input_messages.0.message.content");
		String second = span.attr("llm.input_messages.1.message.content");
		return span.name().startsWith("chat ") && (userText.equals(content) || userText.equals(second));
	}

	private static ReceivedSpan only(List<ReceivedSpan> trace, String name) {
		List<ReceivedSpan> matching = trace.stream().filter((span) -> span.name().equals(name)).toList();
		assertThat(matching).as("spans named " + name).hasSize(1);
		return matching.get(0);
	}

}
