package dev.llmobs.kotlin

import dev.llmobs.kotlin.SuspendFunctionTracingTests.Assistant
import dev.llmobs.kotlin.SuspendFunctionTracingTests.Knowledge
import dev.llmobs.kotlin.SuspendFunctionTracingTests.Model
import dev.llmobs.testsupport.OtlpReceiverTest
import dev.llmobs.testsupport.OtlpTestReceiver
import dev.llmobs.testsupport.ReceivedSpan
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.boot.SpringBootConfiguration
import org.springframework.boot.autoconfigure.EnableAutoConfiguration
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.boot.test.web.server.LocalServerPort
import org.springframework.context.annotation.Bean
import org.springframework.web.bind.annotation.PostMapping
import org.springframework.web.bind.annotation.RequestBody
import org.springframework.web.bind.annotation.RestController
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration

/**
 * A Kotlin WebFlux application with a `suspend` controller calling annotated `suspend`
 * services, on a real server exporting over OTLP: one request is one trace under the
 * server span, with the session and user of the request on every span.
 */
@SpringBootTest(classes = [CoroutineWebFluxIT.CoroutineApp::class],
	webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
	properties = ["management.opentelemetry.tracing.export.schedule-delay=50ms"])
@AutoConfigureTracing
@OtlpReceiverTest
class CoroutineWebFluxIT {

	lateinit var receiver: OtlpTestReceiver

	@LocalServerPort
	var port: Int = 0

	@Test
	fun `suspend services called from a suspend controller nest under the server span with the request's session`() {
		val request = HttpRequest.newBuilder(URI.create("http://localhost:$port/chat"))
			.header("X-Session-Id", "conv-kt")
			.header("X-User-Id", "kate")
			.POST(HttpRequest.BodyPublishers.ofString("refunds"))
			.build()
		val response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString())
		assertThat(response.statusCode()).isEqualTo(200)
		assertThat(response.body()).isEqualTo("answer to [doc about refunds]")
		val traceId = response.headers().firstValue("X-Trace-Id").orElseThrow()
		val trace = receiver.awaitSpans({ spans -> spans.count { it.traceId() == traceId } >= 4 }, Duration.ofSeconds(30))
			.filter { it.traceId() == traceId }
		val server = trace.first { it.kind() == "SPAN_KIND_SERVER" }
		val chain = named(trace, "Assistant.answer")
		assertThat(chain.parentSpanId()).isEqualTo(server.spanId())
		assertThat(named(trace, "Knowledge.search").parentSpanId()).isEqualTo(chain.spanId())
		assertThat(named(trace, "Model.generate").parentSpanId()).isEqualTo(chain.spanId())
		assertThat(trace).allSatisfy {
			assertThat(it.attr("session.id")).`as`(it.name()).isEqualTo("conv-kt")
			assertThat(it.attr("user.id")).`as`(it.name()).isEqualTo("kate")
		}
	}

	private fun named(trace: List<ReceivedSpan>, name: String) = trace.first { it.name() == name }

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	open class CoroutineApp {

		@Bean
		open fun knowledge() = Knowledge()

		@Bean
		open fun model() = Model()

		@Bean
		open fun assistant(knowledge: Knowledge, model: Model) = Assistant(knowledge, model)

		@Bean
		open fun api(assistant: Assistant) = Api(assistant)

	}

	@RestController
	open class Api(private val assistant: Assistant) {

		@PostMapping("/chat")
		suspend fun chat(@RequestBody message: String): String = assistant.answer(message)

	}

}
