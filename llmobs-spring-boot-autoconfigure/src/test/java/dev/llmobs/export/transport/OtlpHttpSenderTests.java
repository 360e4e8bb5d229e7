package dev.llmobs.export.transport;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.llmobs.testsupport.OtlpTestReceiver;
import dev.llmobs.testsupport.ReceivedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's OTLP/HTTP sender against a receiver as strict as real OTLP servers.
 */
class OtlpHttpSenderTests {

	private final OtlpTestReceiver receiver = OtlpTestReceiver.start();

	@AfterEach
	void stop() {
		this.receiver.close();
	}

	@Test
	void theJdkSendersDefaultAsksCleartextServersForAnUpgradeAndIsRefused() {
		ComponentLoader jdkOnly = onlySender(new JdkHttpSenderProvider());
		SpanExporter exporter = OtlpHttpSpanExporter.builder()
			.setEndpoint(this.receiver.tracesEndpoint())
			.setComponentLoader(jdkOnly)
			.build();
		CompletableResultCode result = exportOneSpan(exporter);
		assertThat(result.isSuccess()).isFalse();
		assertThat(this.receiver.requests()).isNotEmpty().allSatisfy((request) -> {
			assertThat(request.header("upgrade")).isEqualTo("h2c");
			assertThat(request.status()).isEqualTo(400);
		});
		assertThat(this.receiver.spans()).isEmpty();
	}

	@Test
	void theStartersSenderSpeaksPlainHttp11ToCleartextServers() {
		SpanExporter exporter = OtlpHttpSpanExporter.builder()
			.setEndpoint(this.receiver.tracesEndpoint())
			.addHeader("Authorization", "Bearer test-key")
			.setComponentLoader(new OtlpSenderComponentLoader(getClass().getClassLoader()))
			.build();
		CompletableResultCode result = exportOneSpan(exporter);
		assertThat(result.isSuccess()).isTrue();
		assertThat(this.receiver.spans()).singleElement().satisfies((span) -> assertThat(span.name()).isEqualTo("one"));
		ReceivedRequest request = this.receiver.requests().get(0);
		assertThat(request.headers()).doesNotContainKeys("upgrade", "http2-settings");
		assertThat(String.valueOf(request.header("connection"))).doesNotContainIgnoringCase("upgrade");
		assertThat(request.header("authorization")).isEqualTo("Bearer test-key");
		assertThat(request.header("content-type")).isEqualTo("application/x-protobuf");
	}

	@Test
	void gzipCompressionIsSentAndDecoded() {
		SpanExporter exporter = OtlpHttpSpanExporter.builder()
			.setEndpoint(this.receiver.tracesEndpoint())
			.setCompression("gzip")
			.setComponentLoader(new OtlpSenderComponentLoader(getClass().getClassLoader()))
			.build();
		assertThat(exportOneSpan(exporter).isSuccess()).isTrue();
		assertThat(this.receiver.requests().get(0).header("content-encoding")).isEqualTo("gzip");
		assertThat(this.receiver.spans()).hasSize(1);
	}

	@Test
	void logRecordsTravelTheSameWay() {
		OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder()
			.setEndpoint(this.receiver.logsEndpoint())
			.setComponentLoader(new OtlpSenderComponentLoader(getClass().getClassLoader()))
			.build();
		try (SdkLoggerProvider provider = SdkLoggerProvider.builder()
			.addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter))
			.build()) {
			Logger logger = provider.get("test");
			logger.logRecordBuilder().setEventName("gen_ai.evaluation.result").setBody("judged").emit();
			assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
		}
		assertThat(this.receiver.logRecords()).singleElement()
			.satisfies((record) -> assertThat(record.eventName()).isEqualTo("gen_ai.evaluation.result"));
		assertThat(this.receiver.requests().get(0).headers()).doesNotContainKey("upgrade");
	}

	@Test
	void aServerErrorFailsTheExportWithoutRetryingForever() {
		this.receiver.mode(OtlpTestReceiver.Mode.FAIL_500);
		SpanExporter exporter = OtlpHttpSpanExporter.builder()
			.setEndpoint(this.receiver.tracesEndpoint())
			.setTimeout(Duration.ofSeconds(5))
			.setComponentLoader(new OtlpSenderComponentLoader(getClass().getClassLoader()))
			.build();
		assertThat(exportOneSpan(exporter).isSuccess()).isFalse();
		assertThat(this.receiver.requestCount()).isEqualTo(1);
	}

	@Test
	void aRefusedConnectionFailsTheExport() {
		SpanExporter exporter = OtlpHttpSpanExporter.builder()
			.setEndpoint("http://127.0.0.1:" + OtlpTestReceiver.unusedPort() + "/v1/traces")
			.setTimeout(Duration.ofSeconds(2))
			.setComponentLoader(new OtlpSenderComponentLoader(getClass().getClassLoader()))
			.build();
		assertThat(exportOneSpan(exporter).isSuccess()).isFalse();
	}

	@Test
	void tlsEndpointsLeaveTheProtocolToAlpn() {
		assertThat(OtlpHttpSender.versionFor(URI.create("https://otlp.example/v1/traces")))
			.isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(OtlpHttpSender.versionFor(URI.create("http://127.0.0.1:4318/v1/traces")))
			.isEqualTo(HttpClient.Version.HTTP_1_1);
	}

	private static CompletableResultCode exportOneSpan(SpanExporter exporter) {
		CompletableResultCode[] result = new CompletableResultCode[1];
		SpanExporter recording = new SpanExporter() {

			@Override
			public CompletableResultCode export(java.util.Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
				result[0] = exporter.export(spans);
				return result[0];
			}

			@Override
			public CompletableResultCode flush() {
				return exporter.flush();
			}

			@Override
			public CompletableResultCode shutdown() {
				return exporter.shutdown();
			}

		};
		try (SdkTracerProvider provider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(recording))
			.build()) {
			Tracer tracer = provider.get("test");
			tracer.spanBuilder("one").startSpan().end();
			result[0].join(15, TimeUnit.SECONDS);
		}
		return result[0];
	}

	private static ComponentLoader onlySender(HttpSenderProvider provider) {
		ComponentLoader services = ComponentLoader.forClassLoader(OtlpHttpSenderTests.class.getClassLoader());
		return new ComponentLoader() {

			@Override
			@SuppressWarnings("unchecked")
			public <T> Iterable<T> load(Class<T> type) {
				return (type == HttpSenderProvider.class) ? (Iterable<T>) List.of(provider) : services.load(type);
			}

		};
	}

}
