package dev.llmobs.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import dev.llmobs.annotation.LlmCall;
import dev.llmobs.annotation.LlmChain;
import dev.llmobs.annotation.LlmTask;
import dev.llmobs.annotation.Retriever;
import dev.llmobs.testsupport.OtlpReceiverTest;
import dev.llmobs.testsupport.OtlpTestReceiver;
import dev.llmobs.testsupport.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Boot application with nested annotated beans, exporting over real OTLP/HTTP
 * protobuf to a receiver that decodes the official OTLP classes.
 */
@SpringBootTest(classes = OtlpExportIT.SupportApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=support-bot",
				"management.opentelemetry.tracing.export.schedule-delay=50ms",
				"spring.autoconfigure.exclude=" + SessionsIT.SECURITY })
@AutoConfigureTracing
@OtlpReceiverTest
class OtlpExportIT {

	static OtlpTestReceiver receiver;

	@LocalServerPort
	int port;

	@Autowired
	SupportFlow flow;

	@Test
	void requestBecomesOneTraceWithNestedTypedSpans() {
		String answer = RestClient.create("http://localhost:" + this.port)
			.post()
			.uri("/chat")
			.body("How long do refunds take?")
			.retrieve()
			.body(String.class);
		assertThat(answer).contains("Refunds take 5 days");

		List<ReceivedSpan> spans = receiver.awaitSpans(
				(received) -> received.stream()
					.map(ReceivedSpan::name)
					.toList()
					.containsAll(List.of("support-flow", "KnowledgeBase.search", "PromptBuilder.build",
							"ModelClient.complete"))
						&& received.stream().anyMatch((span) -> span.kind().equals("SPAN_KIND_SERVER")),
				Duration.ofSeconds(20));

		ReceivedSpan chain = named(spans, "support-flow");
		ReceivedSpan retriever = named(spans, "KnowledgeBase.search");
		ReceivedSpan task = named(spans, "PromptBuilder.build");
		ReceivedSpan llm = named(spans, "ModelClient.complete");
		ReceivedSpan server = spans.stream()
			.filter((span) -> span.kind().equals("SPAN_KIND_SERVER") && span.traceId().equals(chain.traceId()))
			.findFirst()
			.orElseThrow();

		assertThat(List.of(retriever, task, llm)).allSatisfy((span) -> {
			assertThat(span.traceId()).isEqualTo(chain.traceId());
			assertThat(span.parentSpanId()).isEqualTo(chain.spanId());
		});
		assertThat(chain.parentSpanId()).isEqualTo(server.spanId());

		assertThat(chain.attributes()).containsEntry("openinference.span.kind", "CHAIN")
			.containsEntry("llmobs.span.kind", "chain")
			.containsEntry("gen_ai.operation.name", "invoke_workflow")
			.containsEntry("gen_ai.workflow.name", "support-flow")
			.containsEntry("input.value", "How long do refunds take?");
		assertThat(task.attributes()).containsEntry("openinference.span.kind", "CHAIN")
			.containsEntry("llmobs.span.kind", "task");
		assertThat(llm.attributes()).containsEntry("openinference.span.kind", "LLM")
			.containsEntry("llm.model_name", "gpt-4o-mini")
			.containsEntry("gen_ai.provider.name", "openai");
		assertThat(retriever.attributes()).containsEntry("openinference.span.kind", "RETRIEVER")
			.containsEntry("retrieval.documents.0.document.id", "kb-7")
			.containsEntry("gen_ai.retrieval.query.text", "How long do refunds take?");
		assertThat(retriever.attributes().get("retrieval.documents.0.document.score")).isInstanceOf(Double.class)
			.isEqualTo(0.83);
		assertThat(retriever.attributes().get("llmobs.retrieval.documents_dropped")).isInstanceOf(Long.class);
		assertThat(chain.resourceAttributes()).containsEntry("service.name", "support-bot");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ SupportFlow.class, KnowledgeBase.class, PromptBuilder.class, ModelClient.class, ChatController.class })
	static class SupportApp {

	}

	@RestController
	static class ChatController {

		private final SupportFlow flow;

		ChatController(SupportFlow flow) {
			this.flow = flow;
		}

		@PostMapping("/chat")
		String chat(@RequestBody String message) {
			return this.flow.answer(message);
		}

	}

	@Component
	static class SupportFlow {

		private final KnowledgeBase knowledgeBase;

		private final PromptBuilder prompts;

		private final ModelClient model;

		SupportFlow(KnowledgeBase knowledgeBase, PromptBuilder prompts, ModelClient model) {
			this.knowledgeBase = knowledgeBase;
			this.prompts = prompts;
			this.model = model;
		}

		@LlmChain(name = "support-flow")
		public String answer(String question) {
			List<Map<String, Object>> documents = this.knowledgeBase.search(question);
			return this.model.complete(this.prompts.build(question, documents));
		}

	}

	@Component
	static class KnowledgeBase {

		@Retriever
		public List<Map<String, Object>> search(String query) {
			List<Map<String, Object>> hits = new java.util.ArrayList<>();
			hits.add(Map.of("id", "kb-7", "content", "Refunds take 5 days.", "score", 0.83));
			for (int i = 0; i < 30; i++) {
				hits.add(Map.of("id", "filler-" + i, "content", "unrelated", "score", 0.01));
			}
			return hits;
		}

	}

	@Component
	static class PromptBuilder {

		@LlmTask
		public String build(String question, List<Map<String, Object>> documents) {
			return "Context: " + documents.get(0).get("content") + "\nQuestion: " + question;
		}

	}

	@Component
	static class ModelClient {

		@LlmCall(provider = "openai", model = "gpt-4o-mini")
		public String complete(String prompt) {
			return "Refunds take 5 days.";
		}

	}

	private static ReceivedSpan named(List<ReceivedSpan> spans, String name) {
		return spans.stream().filter((span) -> span.name().equals(name)).findFirst().orElseThrow();
	}

}
