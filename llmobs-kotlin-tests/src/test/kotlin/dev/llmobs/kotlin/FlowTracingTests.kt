package dev.llmobs.kotlin

import dev.llmobs.annotation.LlmCall
import dev.llmobs.annotation.Retriever
import dev.llmobs.autoconfigure.LlmObsAutoConfiguration
import dev.llmobs.autoconfigure.LlmObsKotlinAutoConfiguration
import dev.llmobs.context.ContextStampingSpanProcessor
import io.opentelemetry.api.OpenTelemetry
import io.opentelemetry.api.common.AttributeKey
import io.opentelemetry.api.trace.StatusCode
import io.opentelemetry.sdk.OpenTelemetrySdk
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter
import io.opentelemetry.sdk.trace.SdkTracerProvider
import io.opentelemetry.sdk.trace.data.SpanData
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOn
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatIllegalStateException
import org.junit.jupiter.api.Test
import org.springframework.boot.autoconfigure.AutoConfigurations
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration
import org.springframework.boot.test.context.runner.ApplicationContextRunner
import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Configuration

/**
 * Annotated methods returning a Kotlin `Flow`: the span ends when the collection ends
 * (completion, failure, or a collector that stops early), with the collected elements, and
 * annotated calls made while the flow produces elements nest under it.
 */
class FlowTracingTests {

	private val exporter = InMemorySpanExporter.create()

	private val runner = ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration::class.java, LlmObsAutoConfiguration::class.java,
			LlmObsKotlinAutoConfiguration::class.java))
		.withBean(OpenTelemetry::class.java, {
			OpenTelemetrySdk.builder()
				.setTracerProvider(SdkTracerProvider.builder()
					.addSpanProcessor(ContextStampingSpanProcessor())
					.addSpanProcessor(SimpleSpanProcessor.create(exporter))
					.build())
				.build()
		})
		.withUserConfiguration(Beans::class.java)

	private fun traced(test: suspend (Streamer) -> Unit) {
		runner.run { context ->
			assertThat(context).hasNotFailed()
			runBlocking { test(context.getBean(Streamer::class.java)) }
		}
	}

	private fun span(name: String): SpanData = exporter.finishedSpanItems.first { it.name == name }

	@Test
	fun `a flow's span ends when its collection completes, with the collected elements`() = traced { streamer ->
		val tokens = streamer.tokens("tell me more")
		assertThat(exporter.finishedSpanItems).isEmpty()
		assertThat(tokens.toList()).containsExactly("tell", "me", "more")
		val llm = span("Streamer.tokens")
		assertThat(llm.attributes.get(AttributeKey.stringKey("output.value"))).isEqualTo("tellmemore")
		assertThat(llm.attributes.get(AttributeKey.booleanKey("llmobs.cancelled"))).isNull()
		assertThat(llm.status.statusCode).isNotEqualTo(StatusCode.ERROR)
	}

	@Test
	fun `a collector that stops early ends the span as cancelled with what arrived`() = traced { streamer ->
		assertThat(streamer.tokens("one two three four").take(2).toList()).containsExactly("one", "two")
		val llm = span("Streamer.tokens")
		assertThat(llm.attributes.get(AttributeKey.booleanKey("llmobs.cancelled"))).isTrue()
		assertThat(llm.attributes.get(AttributeKey.stringKey("output.value"))).isEqualTo("onetwo")
	}

	@Test
	fun `a failing flow records the error and the collector sees it untouched`() = traced { streamer ->
		assertThatIllegalStateException().isThrownBy { runBlocking { streamer.broken().toList() } }
			.withMessage("stream broke")
		assertThat(span("Streamer.broken").status.statusCode).isEqualTo(StatusCode.ERROR)
	}

	@Test
	fun `annotated calls made while the flow produces elements nest under its span, on another dispatcher`() =
		traced { streamer ->
			val answers = withContext(LlmObsCoroutines.session("conv-flow")) { streamer.answers("refunds").toList() }
			assertThat(answers).containsExactly("answer from doc about refunds")
			val llm = span("Streamer.answers")
			val retriever = span("Searcher.search")
			assertThat(retriever.parentSpanId).isEqualTo(llm.spanId)
			assertThat(retriever.traceId).isEqualTo(llm.traceId)
			assertThat(retriever.attributes.get(AttributeKey.stringKey("session.id"))).isEqualTo("conv-flow")
		}

	@Configuration(proxyBeanMethods = false)
	open class Beans {

		@Bean
		open fun searcher() = Searcher()

		@Bean
		open fun streamer(searcher: Searcher) = Streamer(searcher)

	}

	open class Searcher {

		@Retriever
		open suspend fun search(query: String): String {
			delay(2)
			return "doc about $query"
		}

	}

	open class Streamer(private val searcher: Searcher) {

		@LlmCall
		open fun tokens(text: String): Flow<String> = flow {
			for (word in text.split(" ")) {
				delay(2)
				emit(word)
			}
		}

		@LlmCall
		open fun broken(): Flow<String> = flow {
			emit("a")
			throw IllegalStateException("stream broke")
		}

		@LlmCall
		open fun answers(question: String): Flow<String> = flow {
			emit("answer from " + searcher.search(question))
		}.flowOn(Dispatchers.IO)

	}

}
