package dev.llmobs.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import dev.llmobs.sample.web.ChatReply;
import dev.llmobs.sample.web.ChatRequest;
import dev.llmobs.testsupport.OtlpReceiverTest;
import dev.llmobs.testsupport.OtlpTestReceiver;
import dev.llmobs.testsupport.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample on a random port: a two-turn conversation over HTTP, and the complete trace
 * tree as received over OTLP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.demo-conversation.enabled=false",
				"management.opentelemetry.tracing.export.schedule-delay=50ms" })
@AutoConfigureTracing
@OtlpReceiverTest
class SupportConversationIT {

	static OtlpTestReceiver receiver;

	@LocalServerPort
	int port;

	private ChatReply ask(String message) {
		return RestClient.create("http://localhost:" + this.port)
			.post()
			.uri("/api/chat")
			.header("X-Session-Id", "it-session")
			.header("X-User-Id", "it-user")
			.body(new ChatRequest(message))
			.retrieve()
			.body(ChatReply.class);
	}

	@Test
	void conversationBecomesCompleteTracesWithSessionAndUserEverywhere() {
		ChatReply first = ask("How do I get a refund for my Pro subscription?");
		ChatReply second = ask("How long does the refund take to arrive?");
		assertThat(first.answer()).startsWith("[offline model]").containsIgnoringCase("refund");
		assertThat(first.sources()).isNotEmpty().first().satisfies((source) -> {
			assertThat(source.id()).isEqualTo("kb-06");
			assertThat(source.score()).isPositive();
		});
		assertThat(first.model()).contains("offline");

		List<ReceivedSpan> spans = receiver.awaitSpans(
				(received) -> received.stream().filter((span) -> span.name().equals("support-flow")).count() == 2
						&& received.stream().filter((span) -> span.name().equals("evaluate")).count() == 2
						&& received.stream().filter((span) -> span.kind().equals("SPAN_KIND_SERVER")).count() >= 2,
				Duration.ofSeconds(30));

		for (ChatReply reply : List.of(first, second)) {
			List<ReceivedSpan> trace = new ArrayList<>(
					spans.stream().filter((span) -> span.traceId().equals(reply.traceId())).toList());
			ReceivedSpan server = only(trace, "http post /api/chat");
			ReceivedSpan chain = only(trace, "support-flow");
			ReceivedSpan retriever = only(trace, "knowledge-base.search");
			ReceivedSpan task = only(trace, "build-prompt");
			ReceivedSpan llm = only(trace, "OfflineSupportModel.answer");

			assertThat(chain.parentSpanId()).isEqualTo(server.spanId());
			// the built-in evaluators run after the request, on a linked EVALUATOR span
			ReceivedSpan evaluation = only(trace, "evaluate");
			assertThat(List.of(retriever, task, llm, evaluation))
				.allSatisfy((span) -> assertThat(span.parentSpanId()).isEqualTo(chain.spanId()));
			assertThat(trace).allSatisfy((span) -> {
				assertThat(span.attr("session.id")).as(span.name()).isEqualTo("it-session");
				assertThat(span.attr("user.id")).as(span.name()).isEqualTo("it-user");
			});

			assertThat(chain.attr("openinference.span.kind")).isEqualTo("CHAIN");
			assertThat(evaluation.attr("openinference.span.kind")).isEqualTo("EVALUATOR");
			assertThat(evaluation.attr("gen_ai.evaluation.verdict")).isEqualTo("pass");
			assertThat(evaluation.attr("evaluations.0.evaluation.name")).isEqualTo("non-empty");
			assertThat(evaluation.attr("evaluations.1.evaluation.name")).isEqualTo("context-overlap");
			assertThat(evaluation.attr("evaluations.2.evaluation.name")).isEqualTo("pii-leak");
			assertThat(evaluation.events()).filteredOn((event) -> event.name().equals("gen_ai.evaluation.result"))
				.hasSize(3);
			assertThat(retriever.attr("openinference.span.kind")).isEqualTo("RETRIEVER");
			assertThat(retriever.doubleAttr("retrieval.documents.0.document.score")).isPositive();
			assertThat(retriever.attr("retrieval.documents.0.document.id")).startsWith("kb-");
			assertThat(task.attr("llmobs.span.kind")).isEqualTo("task");
			assertThat(llm.attr("openinference.span.kind")).isEqualTo("LLM");
			assertThat(llm.attr("llm.model_name")).isEqualTo("offline-extractive");
			assertThat(llm.attr("llm.provider")).isEqualTo("offline");
			assertThat(llm.longAttr("llm.token_count.prompt")).isGreaterThan(100L);
			assertThat(llm.longAttr("llm.token_count.completion")).isPositive();
			assertThat(llm.attr("output.value")).startsWith("[offline model]");
			assertThat(llm.attr("gen_ai.prompt.name")).isEqualTo("support-answer");
			assertThat(llm.attr("llm.prompt_template.version")).isEqualTo("2");
			assertThat(llm.attr("llm.prompt_template.template")).contains("{articles}");
			assertThat(llm.attr("llmobs.prompt.hash")).startsWith("sha256:");
			assertThat(chain.hasAttr("gen_ai.prompt.name")).isFalse();
		}
		assertThat(first.traceId()).isNotEqualTo(second.traceId());
	}

	private static ReceivedSpan only(List<ReceivedSpan> trace, String name) {
		List<ReceivedSpan> matching = trace.stream().filter((span) -> span.name().equals(name)).toList();
		assertThat(matching).as("spans named " + name).hasSize(1);
		return matching.get(0);
	}

}
