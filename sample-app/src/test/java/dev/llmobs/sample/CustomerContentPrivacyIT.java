package dev.llmobs.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import dev.llmobs.sample.web.ChatInputLimits;
import dev.llmobs.sample.web.ChatReply;
import dev.llmobs.sample.web.ChatRequest;
import dev.llmobs.testsupport.OtlpReceiverTest;
import dev.llmobs.testsupport.OtlpTestReceiver;
import dev.llmobs.testsupport.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customer content on its way through the sample to a real OTLP receiver: a secret in
 * JSON inside the question and a secret stated in a sentence never reach the export, at
 * any span, as checked in the raw bytes received; and a huge message is refused before
 * anything parses it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.demo-conversation.enabled=false", "llmobs.console.enabled=false",
				"management.opentelemetry.tracing.export.schedule-delay=50ms" })
@AutoConfigureTracing
@OtlpReceiverTest
class CustomerContentPrivacyIT {

	static OtlpTestReceiver receiver;

	@LocalServerPort
	int port;

	private RestClient client() {
		return RestClient.create("http://localhost:" + this.port);
	}

	private ChatReply ask(String message) {
		return client().post().uri("/api/chat").body(new ChatRequest(message)).retrieve().body(ChatReply.class);
	}

	private List<ReceivedSpan> awaitTrace(String traceId) {
		return receiver
			.awaitSpans((spans) -> spans.stream()
				.filter((span) -> span.traceId().equals(traceId))
				.map(ReceivedSpan::name)
				.toList()
				.containsAll(List.of("http post /api/chat", "support-flow", "knowledge-base.search", "build-prompt",
						"OfflineSupportModel.answer")),
					Duration.ofSeconds(30))
			.stream()
			.filter((span) -> span.traceId().equals(traceId))
			.toList();
	}

	private static ReceivedSpan named(List<ReceivedSpan> trace, String name) {
		return trace.stream().filter((span) -> span.name().equals(name)).findFirst().orElseThrow();
	}

	@Test
	void passwordWrittenAsJsonInsideTheQuestionIsRedactedInEverySpanOfTheExport() {
		ChatReply reply = ask("Sign in fails with {\"user\":\"bob\",\"password\":\"hunter2\"}");
		List<ReceivedSpan> trace = awaitTrace(reply.traceId());

		assertThat(receiver.rawExportCount()).isPositive();
		assertThat(receiver.rawExportContains("hunter2")).as("the secret in the raw OTLP bytes").isFalse();
		assertThat(receiver.rawExportContains("bob")).as("the rest of the question is kept").isTrue();
		assertThat(named(trace, "support-flow").attr("input.value")).contains("\"password\":\"[REDACTED:secret]\"");
		assertThat(named(trace, "build-prompt").attr("input.value"))
			.contains("\\\"password\\\":\\\"[REDACTED:secret]\\\"");
		assertThat(named(trace, "OfflineSupportModel.answer").attr("input.value")).contains("[REDACTED:secret]")
			.contains("bob");
	}

	@Test
	void evaluationsRunAfterTheRequestLandOnTheTraceAndLeakNoSecret() {
		ChatReply reply = ask("Sign in fails, my password is Hunter2Hunter2, how do I reset my password?");
		List<ReceivedSpan> received = receiver.awaitSpans(
				(spans) -> spans.stream()
					.anyMatch((span) -> span.traceId().equals(reply.traceId()) && span.name().equals("evaluate")),
				Duration.ofSeconds(30));
		List<ReceivedSpan> trace = received.stream().filter((span) -> span.traceId().equals(reply.traceId())).toList();
		ReceivedSpan chain = named(trace, "support-flow");
		ReceivedSpan evaluation = named(trace, "evaluate");
		// the built-in evaluators ran off the request thread: their results are on a
		// linked EVALUATOR span, child of the evaluated chain
		assertThat(evaluation.parentSpanId()).isEqualTo(chain.spanId());
		assertThat(evaluation.attr("openinference.span.kind")).isEqualTo("EVALUATOR");
		assertThat(List.of(evaluation.attr("evaluations.0.evaluation.name"),
				evaluation.attr("evaluations.1.evaluation.name"), evaluation.attr("evaluations.2.evaluation.name")))
			.containsExactly("non-empty", "context-overlap", "pii-leak");
		assertThat(chain.hasAttr("evaluations.0.evaluation.name")).isFalse();
		assertThat(receiver.rawExportContains("Hunter2Hunter2")).as("the secret in the raw OTLP bytes").isFalse();
	}

	@Test
	void passwordStatedInASentenceIsRedactedInEverySpanOfTheExport() {
		ChatReply reply = ask("I cannot sign in, my password is Tr0ub4dor&3 and it says wrong password");
		List<ReceivedSpan> trace = awaitTrace(reply.traceId());

		assertThat(receiver.rawExportContains("Tr0ub4dor")).as("the secret in the raw OTLP bytes").isFalse();
		ReceivedSpan retriever = named(trace, "knowledge-base.search");
		assertThat(retriever.attr("gen_ai.retrieval.query.text"))
			.isEqualTo("I cannot sign in, my password is [REDACTED:secret] and it says wrong password");
		assertThat(named(trace, "support-flow").attr("input.value")).contains("my password is [REDACTED:secret]");
	}

	@Test
	void messageLongerThanTheLimitIsRefusedWithAJsonError() {
		ResponseEntity<String> response = client().post()
			.uri("/api/chat")
			.body(new ChatRequest("a".repeat(ChatInputLimits.MAX_MESSAGE_CHARS + 1)))
			.retrieve()
			.onStatus(HttpStatusCode::isError, (request, answer) -> {
			})
			.toEntity(String.class);
		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody()).contains("\"error\":\"message_too_long\"")
			.contains("at most 4000 characters")
			.contains("4001");
	}

	@Test
	void messageAtTheLimitIsAnswered() {
		assertThat(ask("refund " + "a".repeat(ChatInputLimits.MAX_MESSAGE_CHARS - 7)).answer()).isNotBlank();
	}

	@Test
	void fiveMegabyteMessageIsAnsweredWithAnErrorBeforeItsBodyIsSent() throws IOException {
		int fiveMegabytes = 5 * 1024 * 1024;
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			// the headers and the start of the JSON only: the server must answer without
			// waiting for the rest, so it cannot have read the message
			out.write(("POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Content-Length: " + fiveMegabytes + "\r\n\r\n{\"message\":\"aaaa")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String response = readResponse(socket.getInputStream());
			assertThat(response).startsWith("HTTP/1.1 413")
				.contains("\"error\":\"request_too_large\"")
				.contains("this one is " + fiveMegabytes + " bytes")
				.contains("\"maxMessageChars\":4000");
		}
	}

	/** Reads until the JSON error has arrived whole, or the server closes. */
	private static String readResponse(InputStream in) throws IOException {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		byte[] buffer = new byte[4096];
		try {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				received.write(buffer, 0, n);
				if (received.toString(StandardCharsets.UTF_8).contains("\"maxMessageChars\":4000}")) {
					break;
				}
			}
		}
		catch (SocketTimeoutException ex) {
			// what arrived is asserted on
		}
		return received.toString(StandardCharsets.UTF_8);
	}

}
