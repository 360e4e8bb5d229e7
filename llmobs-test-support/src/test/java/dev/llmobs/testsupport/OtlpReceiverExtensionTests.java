package dev.llmobs.testsupport;

import java.time.Duration;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OtlpReceiverTest} in a plain test: one receiver for the class, injected into
 * fields and parameters, cleared before each test.
 */
@OtlpReceiverTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OtlpReceiverExtensionTests {

	static OtlpTestReceiver shared;

	OtlpTestReceiver perInstance;

	@Test
	@Order(1)
	void theReceiverIsInjectedIntoFieldsAndParametersAndReceivesSpans(OtlpTestReceiver receiver) {
		assertThat(shared).isSameAs(receiver);
		assertThat(this.perInstance).isSameAs(receiver);
		exportOneSpan(receiver, "first");
		assertThat(receiver.awaitSpanNamed("first", Duration.ofSeconds(10)).name()).isEqualTo("first");
	}

	@Test
	@Order(2)
	void eachTestStartsWithAnEmptyAcceptingReceiver(OtlpTestReceiver receiver) {
		assertThat(receiver).isSameAs(shared);
		assertThat(receiver.spans()).isEmpty();
		receiver.mode(OtlpTestReceiver.Mode.FAIL_500);
	}

	@Test
	@Order(3)
	void aReceiverLeftFailingAcceptsAgainInTheNextTest(OtlpTestReceiver receiver) {
		exportOneSpan(receiver, "third");
		assertThat(receiver.awaitSpanNamed("third", Duration.ofSeconds(10)).name()).isEqualTo("third");
	}

	@Test
	@Order(4)
	void thePropertiesPointAnApplicationAtTheReceiver(OtlpTestReceiver receiver) {
		assertThat(OtlpReceiverProperties.asArguments(receiver)).contains(
				"management.opentelemetry.tracing.export.otlp.endpoint=" + receiver.tracesEndpoint(),
				"management.opentelemetry.logging.export.otlp.endpoint=" + receiver.logsEndpoint(),
				"management.opentelemetry.tracing.export.schedule-delay=50ms");
	}

	@Nested
	class NestedTests {

		@Test
		void nestedClassesShareTheEnclosingClasssReceiver(OtlpTestReceiver receiver) {
			assertThat(receiver).isSameAs(shared);
		}

	}

	private static void exportOneSpan(OtlpTestReceiver receiver, String name) {
		try (SdkTracerProvider provider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor
				.create(OtlpHttpSpanExporter.builder().setEndpoint(receiver.tracesEndpoint()).build()))
			.build()) {
			provider.get("test").spanBuilder(name).startSpan().end();
			provider.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
		}
	}

}
