package dev.llmobs.kotlin

import dev.llmobs.annotation.LlmCall
import dev.llmobs.annotation.LlmChain
import dev.llmobs.annotation.LlmTask
import dev.llmobs.annotation.Retriever
import dev.llmobs.aop.UnadvisableMethodReporter
import dev.llmobs.autoconfigure.LlmObsAutoConfiguration
import dev.llmobs.autoconfigure.LlmObsKotlinAutoConfiguration
import dev.llmobs.context.ContextScopes
import dev.llmobs.context.ContextStampingSpanProcessor
import dev.llmobs.context.LlmObsContext
import io.opentelemetry.api.OpenTelemetry
import io.opentelemetry.api.common.AttributeKey
import io.opentelemetry.api.trace.Span
import io.opentelemetry.api.trace.StatusCode
import io.opentelemetry.sdk.OpenTelemetrySdk
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter
import io.opentelemetry.sdk.trace.SdkTracerProvider
import io.opentelemetry.sdk.trace.data.SpanData
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatIllegalStateException
import org.awaitility.Awaitility
import org.junit.jupiter.api.Test
import org.slf4j.MDC
import org.springframework.boot.autoconfigure.AutoConfigurations
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration
import org.springframework.boot.test.context.runner.ApplicationContextRunner
import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Configuration
import java.time.Duration

/**
 * Annotated `suspend` functions: the span ends when the coroutine completes (not at its
 * first suspension), with the result, the error or the cancellation, and the span and
 * session stay current across suspension points and dispatcher switches.
 */
class SuspendFunctionTracingTests {

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

	private fun traced(test: suspend CoroutineScope.(Assistant, Model) -> Unit) {
		runner.run { context ->
			assertThat(context).hasNotFailed()
			assertThat(context.getBean(UnadvisableMethodReporter::class.java).unadvisableMethods()).isEmpty()
			runBlocking { test(context.getBean(Assistant::class.java), context.getBean(Model::class.java)) }
		}
	}

	private fun span(name: String): SpanData = exporter.finishedSpanItems.first { it.name == name }

	private fun SpanData.attr(key: String): Any? = attributes.get(AttributeKey.stringKey(key))

	@Test
	fun `a suspend function's span ends when its coroutine completes, with the result, nested under its caller`() =
		traced { assistant, _ ->
			assertThat(assistant.answer("refunds")).isEqualTo("answer to [doc about refunds]")
			val chain = span("Assistant.answer")
			val retriever = span("Knowledge.search")
			val llm = span("Model.generate")
			assertThat(retriever.parentSpanId).isEqualTo(chain.spanId)
			assertThat(llm.parentSpanId).isEqualTo(chain.spanId)
			assertThat(listOf(retriever, llm)).allSatisfy { assertThat(it.traceId).isEqualTo(chain.traceId) }
			assertThat(llm.attr("output.value")).isEqualTo("answer to [doc about refunds]")
			assertThat(chain.attr("output.value")).isEqualTo("answer to [doc about refunds]")
			assertThat(chain.endEpochNanos).isGreaterThanOrEqualTo(llm.endEpochNanos)
			assertThat(llm.endEpochNanos).isGreaterThanOrEqualTo(Model.lastResumedAt)
		}

	@Test
	fun `the span and the session stay current across suspension points and dispatcher switches`() =
		traced { _, model ->
			val seen = withContext(LlmObsCoroutines.session("conv-k").user("kim")) {
				model.observe()
			}
			val task = span("Model.observe")
			assertThat(seen).hasSize(3).allSatisfy {
				assertThat(it.spanId).isEqualTo(task.spanId)
				assertThat(it.sessionId).isEqualTo("conv-k")
				assertThat(it.userId).isEqualTo("kim")
				assertThat(it.mdcSessionId).isEqualTo("conv-k")
			}
			assertThat(task.attr("session.id")).isEqualTo("conv-k")
			assertThat(task.attr("user.id")).isEqualTo("kim")
		}

	@Test
	fun `an exception is recorded on the span and reaches the caller untouched`() = traced { _, model ->
		assertThatIllegalStateException().isThrownBy { runBlocking { model.fail() } }.withMessage("model overloaded")
		val failed = span("Model.fail")
		assertThat(failed.status.statusCode).isEqualTo(StatusCode.ERROR)
		assertThat(failed.events).anySatisfy { assertThat(it.name).isEqualTo("exception") }
	}

	@Test
	fun `cancelling the coroutine ends the span as cancelled`() = traced { _, model ->
		val started = CompletableDeferred<Unit>()
		val job = launch(Dispatchers.Default) { model.hang(started) }
		started.await()
		assertThat(exporter.finishedSpanItems).noneMatch { it.name == "Model.hang" }
		job.cancelAndJoin()
		Awaitility.await().atMost(Duration.ofSeconds(10)).until { exporter.finishedSpanItems.any { it.name == "Model.hang" } }
		assertThat(span("Model.hang").attributes.get(AttributeKey.booleanKey("llmobs.cancelled"))).isTrue()
	}

	@Test
	fun `two hundred concurrent coroutines with distinct sessions never see each other's`() = traced { assistant, _ ->
		val answers = (0 until 200).map { i ->
			async(Dispatchers.Default + LlmObsCoroutines.session("session-$i")) { assistant.answer("q$i") }
		}.awaitAll()
		assertThat(answers).hasSize(200)
		val spans = exporter.finishedSpanItems
		assertThat(spans).hasSize(600)
		val chains = spans.filter { it.name == "Assistant.answer" }.associateBy { it.spanId }
		assertThat(chains).hasSize(200)
		chains.values.forEach { chain ->
			val n = (chain.attr("input.value") as String).substringAfter("q").takeWhile { it.isDigit() }
			assertThat(chain.attr("session.id")).isEqualTo("session-$n")
			assertThat(chain.attr("output.value")).isEqualTo("answer to [doc about q$n]")
		}
		spans.filter { it.name != "Assistant.answer" }.forEach { child ->
			val parent = chains.getValue(child.parentSpanId)
			assertThat(child.traceId).isEqualTo(parent.traceId)
			assertThat(child.attr("session.id")).isEqualTo(parent.attr("session.id"))
		}
	}

	@Test
	fun `nothing leaks to the calling coroutine, its thread or later coroutines`() = traced { assistant, model ->
		withContext(LlmObsCoroutines.session("conv-leak")) {
			assistant.answer("first")
			model.observe()
		}
		assistClean()
		withContext(Dispatchers.Default) { assistClean() }
		withContext(Dispatchers.IO) { assistClean() }
		val spansBefore = exporter.finishedSpanItems.size
		assistant.answer("second")
		val second = exporter.finishedSpanItems.drop(spansBefore)
		assertThat(second).hasSize(3).allSatisfy { assertThat(it.attr("session.id")).isNull() }
		assertThat(second.first { it.name == "Assistant.answer" }.parentSpanContext.isValid).isFalse()
	}

	private fun assistClean() {
		assertThat(Span.current().spanContext.isValid).isFalse()
		assertThat(LlmObsContext.current().isEmpty).isTrue()
		assertThat(MDC.get(ContextScopes.MDC_SESSION_ID)).isNull()
	}

	@Configuration(proxyBeanMethods = false)
	open class Beans {

		@Bean
		open fun knowledge() = Knowledge()

		@Bean
		open fun model() = Model()

		@Bean
		open fun assistant(knowledge: Knowledge, model: Model) = Assistant(knowledge, model)

	}

	open class Assistant(private val knowledge: Knowledge, private val model: Model) {

		@LlmChain
		open suspend fun answer(question: String): String {
			val documents = knowledge.search(question)
			return model.generate(documents.joinToString())
		}

	}

	open class Knowledge {

		@Retriever
		open suspend fun search(query: String): List<String> {
			delay(5)
			return withContext(Dispatchers.IO) { listOf("doc about $query") }
		}

	}

	data class Observed(val spanId: String, val sessionId: String?, val userId: String?, val mdcSessionId: String?) {

		companion object {
			fun now(): Observed {
				val context = LlmObsContext.current()
				return Observed(Span.current().spanContext.spanId, context.sessionId(), context.userId(),
					MDC.get(ContextScopes.MDC_SESSION_ID))
			}
		}

	}

	open class Model {

		companion object {
			@Volatile
			var lastResumedAt: Long = 0

			private fun epochNanos(): Long {
				val now = java.time.Instant.now()
				return now.epochSecond * 1_000_000_000L + now.nano
			}
		}

		@LlmCall
		open suspend fun generate(prompt: String): String = withContext(Dispatchers.Default) {
			delay(5)
			lastResumedAt = epochNanos()
			"answer to [$prompt]"
		}

		@LlmCall
		open suspend fun fail(): String {
			delay(5)
			throw IllegalStateException("model overloaded")
		}

		@LlmCall
		open suspend fun hang(started: CompletableDeferred<Unit>): String {
			started.complete(Unit)
			awaitCancellation()
		}

		@LlmTask
		open suspend fun observe(): List<Observed> {
			val before = Observed.now()
			delay(5)
			val afterDelay = Observed.now()
			val onIo = withContext(Dispatchers.IO) {
				delay(1)
				Observed.now()
			}
			return listOf(before, afterDelay, onIo)
		}

	}

}
