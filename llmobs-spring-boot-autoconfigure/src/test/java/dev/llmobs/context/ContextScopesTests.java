package dev.llmobs.context;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import dev.llmobs.LlmObs;

import static org.assertj.core.api.Assertions.assertThat;

class ContextScopesTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider provider = SdkTracerProvider.builder()
		.addSpanProcessor(new ContextStampingSpanProcessor())
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final Tracer tracer = this.provider.get("plain-otel-code");

	@AfterEach
	void close() {
		this.provider.close();
	}

	private SpanData startAndEnd(String name) {
		Span span = this.tracer.spanBuilder(name).startSpan();
		span.end();
		return this.exporter.getFinishedSpanItems()
			.stream()
			.filter((data) -> data.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static String attr(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

	@Test
	void spanFromPlainOpenTelemetryCodeIsStamped() {
		try (LlmObsScope session = LlmObs.session("s-1"); LlmObsScope user = LlmObs.user("u-1")) {
			SpanData span = startAndEnd("plain");
			assertThat(attr(span, "session.id")).isEqualTo("s-1");
			assertThat(attr(span, "gen_ai.conversation.id")).isEqualTo("s-1");
			assertThat(attr(span, "user.id")).isEqualTo("u-1");
		}
	}

	@Test
	void nestedScopesOverrideAndRestore() {
		try (LlmObsScope outer = LlmObs.session("outer")) {
			try (LlmObsScope inner = LlmObs.session("inner")) {
				assertThat(attr(startAndEnd("inside"), "session.id")).isEqualTo("inner");
			}
			assertThat(attr(startAndEnd("after"), "session.id")).isEqualTo("outer");
		}
		assertThat(startAndEnd("outside").getAttributes().get(AttributeKey.stringKey("session.id"))).isNull();
		assertThat(LlmObsContext.current().isEmpty()).isTrue();
	}

	@Test
	void metadataMergesAndTagsAccumulate() {
		try (LlmObsScope a = LlmObs.metadata("tier", "gold");
				LlmObsScope b = LlmObs.metadata("region", "eu");
				LlmObsScope c = LlmObs.tags("beta", "support");
				LlmObsScope d = LlmObs.tags("beta", "vip")) {
			SpanData span = startAndEnd("tagged");
			assertThat(attr(span, "metadata")).isEqualTo("{\"tier\":\"gold\",\"region\":\"eu\"}");
			assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("tag.tags"))).containsExactly("beta",
					"support", "vip");
		}
	}

	@Test
	void metadataIsRedactedWhenTheProcessorIsGivenARedaction() {
		dev.llmobs.capture.Redactor redactor = dev.llmobs.capture.Redactor
			.of(java.util.Set.of(dev.llmobs.capture.RedactionKind.SECRETS), List.of());
		InMemorySpanExporter spans = InMemorySpanExporter.create();
		SdkTracerProvider redacting = SdkTracerProvider.builder()
			.addSpanProcessor(new ContextStampingSpanProcessor(
					(json) -> redactor.redact(json, dev.llmobs.capture.CaptureListener.NONE)))
			.addSpanProcessor(SimpleSpanProcessor.create(spans))
			.build();
		try (LlmObsScope note = LlmObs.metadata("note", "customer wrote {\"password\":\"hunter2\"}");
				LlmObsScope pin = LlmObs.metadata("ticket", "my pin is 4821")) {
			redacting.get("t").spanBuilder("first").startSpan().end();
			redacting.get("t").spanBuilder("second").startSpan().end();
		}
		assertThat(spans.getFinishedSpanItems()).hasSize(2).allSatisfy((span) -> {
			assertThat(attr(span, "metadata")).doesNotContain("hunter2")
				.doesNotContain("4821")
				.contains("\"ticket\":\"my pin is [REDACTED:secret]\"")
				.contains("\\\"password\\\":\\\"[REDACTED:secret]\\\"");
		});
		redacting.close();
	}

	@Test
	void overlappingScopesOnDifferentThreadsDoNotLeak() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			var first = pool.submit(() -> {
				try (LlmObsScope scope = LlmObs.session("thread-a")) {
					return attr(startAndEnd("a"), "session.id");
				}
			});
			var second = pool.submit(() -> {
				try (LlmObsScope scope = LlmObs.session("thread-b")) {
					return attr(startAndEnd("b"), "session.id");
				}
			});
			assertThat(List.of(first.get(), second.get())).containsExactly("thread-a", "thread-b");
			var reused = pool.submit(() -> LlmObsContext.current().isEmpty() && MDC.get("sessionId") == null);
			assertThat(reused.get()).isTrue();
		}
		finally {
			pool.shutdown();
			pool.awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void contextFollowsAWrappedExecutorHop() throws Exception {
		ExecutorService pool = Context.taskWrapping(Executors.newSingleThreadExecutor());
		try (LlmObsScope scope = LlmObs.session("hop")) {
			String session = pool.submit(() -> attr(startAndEnd("hopped"), "session.id")).get();
			assertThat(session).isEqualTo("hop");
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void childOfAStampedSpanInheritsWhenTheContextLostTheSession() {
		Span parent;
		try (LlmObsScope session = LlmObs.session("inherited"); LlmObsScope user = LlmObs.user("heir")) {
			parent = this.tracer.spanBuilder("parent").startSpan();
		}
		Span child = this.tracer.spanBuilder("child").setParent(Context.root().with(parent)).startSpan();
		child.end();
		parent.end();
		SpanData childData = this.exporter.getFinishedSpanItems()
			.stream()
			.filter((data) -> data.getName().equals("child"))
			.findFirst()
			.orElseThrow();
		assertThat(attr(childData, "session.id")).isEqualTo("inherited");
		assertThat(attr(childData, "user.id")).isEqualTo("heir");
	}

	@Test
	void sessionAndUserAreInTheMdcWhileTheScopeIsOpen() {
		try (LlmObsScope session = LlmObs.session("s-9"); LlmObsScope user = LlmObs.user("u-9")) {
			assertThat(MDC.get("sessionId")).isEqualTo("s-9");
			assertThat(MDC.get("userId")).isEqualTo("u-9");
		}
		assertThat(MDC.get("sessionId")).isNull();
		assertThat(MDC.get("userId")).isNull();
	}

}
