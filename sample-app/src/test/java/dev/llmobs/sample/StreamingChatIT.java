package dev.llmobs.sample;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.llmobs.testsupport.OtlpReceiverTest;
import dev.llmobs.testsupport.OtlpTestReceiver;
import dev.llmobs.testsupport.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's streaming endpoint: the answer arrives as server-sent events while the
 * model streams it, and the trace is whole: the chain under the server span, retriever,
 * prompt task and streamed model call under the chain, the session and user on every
 * span, and the model span ending after its last chunk.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.demo-conversation.enabled=false",
				"management.opentelemetry.tracing.export.schedule-delay=50ms" })
@AutoConfigureTracing
@OtlpReceiverTest
class StreamingChatIT {

	static OtlpTestReceiver receiver;

	private static final Pattern CHUNK = Pattern.compile("event:chunk\\ndata:(.*)\\n");

	@LocalServerPort
	int port;

	@Test
	void aStreamedAnswerIsOneTraceWithItsSessionOnEverySpan() throws Exception {
		String question = URLEncoder.encode("How do I get a refund for my Pro subscription?", StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/chat/stream?message=" + question))
			.header("X-Session-Id", "stream-session")
			.header("X-User-Id", "stream-user")
			.header("Accept", "text/event-stream")
			.GET()
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
		StringBuilder streamed = new StringBuilder();
		Matcher chunks = CHUNK.matcher(response.body());
		int count = 0;
		while (chunks.find()) {
			streamed.append(chunks.group(1));
			count++;
		}
		assertThat(count).isGreaterThan(3);
		assertThat(streamed.toString()).startsWith("[offline model]").containsIgnoringCase("refund");
		assertThat(response.body()).contains("event:done\ndata:" + traceId);

		List<ReceivedSpan> trace = receiver
			.awaitSpans((received) -> received.stream()
				.filter((span) -> span.traceId().equals(traceId))
				.map(ReceivedSpan::name)
				.toList()
				.containsAll(List.of("support-flow-stream", "knowledge-base.search", "build-prompt",
						"OfflineSupportModel.stream", "http get /api/chat/stream")),
					Duration.ofSeconds(30))
			.stream()
			.filter((span) -> span.traceId().equals(traceId))
			.toList();
		ReceivedSpan server = named(trace, "http get /api/chat/stream");
		ReceivedSpan chain = named(trace, "support-flow-stream");
		ReceivedSpan llm = named(trace, "OfflineSupportModel.stream");
		assertThat(chain.parentSpanId()).isEqualTo(server.spanId());
		assertThat(List.of(named(trace, "knowledge-base.search"), named(trace, "build-prompt"), llm))
			.allSatisfy((span) -> assertThat(span.parentSpanId()).as(span.name()).isEqualTo(chain.spanId()));
		assertThat(trace).allSatisfy((span) -> {
			assertThat(span.attr("session.id")).as(span.name()).isEqualTo("stream-session");
			assertThat(span.attr("user.id")).as(span.name()).isEqualTo("stream-user");
		});
		assertThat(llm.attr("output.value")).isEqualTo(streamed.toString());
		assertThat(llm.longAttr("llm.token_count.completion")).isPositive();
		assertThat(llm.attr("gen_ai.prompt.name")).isEqualTo("support-answer");
		assertThat(chain.endEpochNanos()).isGreaterThanOrEqualTo(llm.endEpochNanos());
	}

	private static ReceivedSpan named(List<ReceivedSpan> trace, String name) {
		List<ReceivedSpan> matching = trace.stream().filter((span) -> span.name().equals(name)).toList();
		assertThat(matching).as("spans named " + name).hasSize(1);
		return matching.get(0);
	}

}
