package dev.llmobs.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.llmobs.context.ContextStampingSpanProcessor;
import dev.llmobs.context.LlmObsContext;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class LlmObsWebFilterTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider provider = SdkTracerProvider.builder()
		.addSpanProcessor(new ContextStampingSpanProcessor())
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final List<String> rejections = new ArrayList<>();

	private final LlmObsWebFilter filter = new LlmObsWebFilter(new HeaderSessionIdResolver("X-Session-Id"),
			new PrincipalOrHeaderUserIdResolver("X-User-Id", true), new IdValidator(128), null, "X-Trace-Id",
			(field, reason) -> this.rejections.add(field + ":" + reason));

	private final AtomicReference<LlmObsContext> seenByChain = new AtomicReference<>();

	private final FilterChain chain = (request, response) -> {
		this.seenByChain.set(LlmObsContext.current());
		Span child = this.provider.get("test").spanBuilder("child").startSpan();
		child.end();
	};

	private SpanData serve(MockHttpServletRequest request, MockHttpServletResponse response, LlmObsWebFilter filter)
			throws Exception {
		Span server = this.provider.get("test").spanBuilder("http post /chat").startSpan();
		try (Scope scope = server.makeCurrent()) {
			filter.doFilter(request, response, this.chain);
		}
		finally {
			server.end();
		}
		return this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals("http post /chat"))
			.findFirst()
			.orElseThrow();
	}

	private static String attr(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

	@Test
	void validIdsAreStampedOnTheServerSpanAndEveryChild() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/chat");
		request.addHeader("X-Session-Id", "conv-42");
		request.addHeader("X-User-Id", "alice@example.com");
		MockHttpServletResponse response = new MockHttpServletResponse();
		SpanData server = serve(request, response, this.filter);
		assertThat(attr(server, "session.id")).isEqualTo("conv-42");
		assertThat(attr(server, "user.id")).isEqualTo("alice@example.com");
		SpanData child = this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals("child"))
			.findFirst()
			.orElseThrow();
		assertThat(attr(child, "session.id")).isEqualTo("conv-42");
		assertThat(attr(child, "gen_ai.conversation.id")).isEqualTo("conv-42");
		assertThat(response.getHeader("X-Trace-Id")).isEqualTo(server.getTraceId());
		assertThat(LlmObsContext.current().isEmpty()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "conv\r\nX-Injected: yes", "conv\u0000nul", "sessión-ü", "1' OR '1'='1",
			"<script>alert(1)</script>", "with space", "a;b" })
	void hostileSessionIdIsDroppedAndCounted(String hostile, CapturedOutput output) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/chat");
		request.addHeader("X-Session-Id", hostile);
		MockHttpServletResponse response = new MockHttpServletResponse();
		SpanData server = serve(request, response, this.filter);
		assertThat(this.seenByChain.get()).isNotNull();
		assertThat(server.getAttributes().get(AttributeKey.stringKey("session.id"))).isNull();
		assertThat(this.exporter.getFinishedSpanItems())
			.allSatisfy((span) -> assertThat(span.getAttributes().asMap().values())
				.noneMatch((value) -> value.equals(hostile)));
		assertThat(this.rejections).hasSize(1).first().asString().startsWith("session:");
		if (!hostile.isEmpty()) {
			assertThat(output).doesNotContain(hostile);
		}
	}

	@Test
	void tenKilobyteValueIsDroppedNotTruncated() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/chat");
		request.addHeader("X-User-Id", "u".repeat(10 * 1024));
		SpanData server = serve(request, new MockHttpServletResponse(), this.filter);
		assertThat(server.getAttributes().get(AttributeKey.stringKey("user.id"))).isNull();
		assertThat(this.rejections).containsExactly("user:too-long");
	}

	@Test
	void principalWinsOverTheHeader() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/chat");
		request.addHeader("X-User-Id", "mallory");
		request.setUserPrincipal(() -> "alice");
		SpanData server = serve(request, new MockHttpServletResponse(), this.filter);
		assertThat(attr(server, "user.id")).isEqualTo("alice");
	}

	@Test
	void userIdsCanBeHashedWithASalt() throws Exception {
		LlmObsWebFilter hashing = new LlmObsWebFilter(new HeaderSessionIdResolver("X-Session-Id"),
				new PrincipalOrHeaderUserIdResolver("X-User-Id", true), new IdValidator(128),
				new UserIdHasher("pepper"), "X-Trace-Id", RejectedIdListener.NONE);
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/chat");
		request.addHeader("X-User-Id", "alice");
		SpanData server = serve(request, new MockHttpServletResponse(), hashing);
		assertThat(attr(server, "user.id")).matches("sha256:[0-9a-f]{64}")
			.isEqualTo(new UserIdHasher("pepper").hash("alice"))
			.isNotEqualTo(new UserIdHasher("salt").hash("alice"));
	}

	@Test
	void hashingWithoutASaltFailsFastWithTheProperty() {
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> new UserIdHasher(""))
			.withMessageContaining("llmobs.web.user-id-salt");
	}

	@Test
	void customResolversAreUsed() throws Exception {
		LlmObsWebFilter custom = new LlmObsWebFilter((request) -> request.getParameter("conversation"),
				(request) -> "tenant-" + request.getHeader("X-Tenant"), new IdValidator(128), null, "",
				RejectedIdListener.NONE);
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/chat");
		request.setParameter("conversation", "c-7");
		request.addHeader("X-Tenant", "acme");
		MockHttpServletResponse response = new MockHttpServletResponse();
		SpanData server = serve(request, response, custom);
		assertThat(attr(server, "session.id")).isEqualTo("c-7");
		assertThat(attr(server, "user.id")).isEqualTo("tenant-acme");
		assertThat(response.getHeader("X-Trace-Id")).isNull();
	}

}
