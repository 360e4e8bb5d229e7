package dev.llmobs.test.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.llmobs.test.experiment.capitals.CapitalsApplication;
import dev.llmobs.test.experiment.capitals.CapitalsApplication.CapitalsBot;
import dev.llmobs.test.experiment.capitals.CapitalsApplication.RegressedCapitalsBot;

import static dev.llmobs.test.experiment.ExpectationEvaluators.containsMatch;
import static dev.llmobs.test.experiment.ExpectationEvaluators.exactMatch;
import static dev.llmobs.test.experiment.ExpectationEvaluators.expectedDocumentRecall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Experiments against a tiny app: the good flow passes its thresholds and the baseline,
 * the regressed one fails, failures and concurrency are handled, and every example is a
 * tagged trace.
 */
@SpringBootTest(classes = { CapitalsApplication.class, ExperimentTests.Spans.class })
@AutoConfigureLlmObsExperiments
class ExperimentTests {

	static final String DATASET = "classpath:experiments/capitals.jsonl";

	static final String BASELINE = "classpath:experiments/capitals-baseline.json";

	@Autowired
	LlmExperiments experiments;

	@Autowired
	CapitalsBot bot;

	@Autowired
	RegressedCapitalsBot regressedBot;

	static final InMemorySpanExporter exported = InMemorySpanExporter.create();

	@TempDir
	Path reports;

	private Experiment capitals(String name) {
		return this.experiments.experiment(name)
			.dataset(DATASET)
			.evaluators("non-empty", "context-overlap")
			.evaluators(exactMatch(), containsMatch(), expectedDocumentRecall())
			.minPassRate("expected-document-recall", 0.9)
			.minMeanScore("context-overlap", 0.8)
			.baseline(BASELINE)
			.tolerance(0.1);
	}

	@Test
	void goodVariantPassesItsThresholdsAndTheBaselineAndWritesBothReports() throws Exception {
		ExperimentReport report = capitals("capitals-good").task((example) -> this.bot.answer(example.input())).run();

		assertThat(report.passed()).isTrue();
		assertThat(report.summary().examples()).isEqualTo(6);
		assertThat(report.summary().failedExamples()).isZero();
		assertThat(report.promptVersions()).containsExactly("capitals@v2");
		assertThat(report.summary().totalCostUsd()).isPositive();
		assertThat(report.summary().latencyP95Ms()).isGreaterThanOrEqualTo(report.summary().latencyP50Ms());

		Path directory = LlmExperiments.DEFAULT_REPORT_ROOT.resolve("capitals-good");
		JsonNode json = JsonMapper.builder().build().readTree(directory.resolve("report.json").toFile());
		assertThat(json.get("name").asString()).isEqualTo("capitals-good");
		assertThat(json.at("/aggregates/expected-document-recall/passRate").asDouble()).isEqualTo(1.0);
		assertThat(json.at("/aggregates/contains-match/passRate").asDouble()).isEqualTo(1.0);
		assertThat(json.at("/aggregates/exact-match/passRate").asDouble()).isEqualTo(0.0);
		assertThat(json.at("/aggregates/non-empty/count").asInt()).isEqualTo(6);
		assertThat(json.at("/comparison/regressions").size()).isZero();
		JsonNode first = json.at("/examples/0");
		assertThat(first.get("id").asString()).isEqualTo("fr");
		assertThat(first.get("output").asString()).isEqualTo("Paris is the capital of France.");
		assertThat(first.get("traceId").asString()).matches("[0-9a-f]{32}");
		assertThat(first.get("retrievedDocumentIds").get(0).asString()).isEqualTo("geo-fr");
		assertThat(first.get("costUsd").asDouble()).isPositive();
		assertThat(first.get("scores").size()).isEqualTo(5);

		String markdown = Files.readString(directory.resolve("report.md"));
		assertThat(markdown).contains("# Experiment `capitals-good`", "**PASSED**",
				"| evaluator | examples | pass rate | mean score | errors | baseline pass rate | Δ pass rate |",
				"| expected-document-recall | 6 | 1.000 | 1.000 | 0 |", "| fr | What is the capital of France? |",
				"capitals@v2");

		String html = Files.readString(directory.resolve("report.html"));
		assertThat(html).contains("<h1>Experiment <code>capitals-good</code> <span class=\"pass\">PASSED</span></h1>",
				"<td>What is the capital of France?</td>", "<td>Which city is Italy&#39;s capital?</td>");
	}

	@Test
	void regressedVariantFailsAgainstTheBaselineWithAReadableMessage() {
		Experiment experiment = capitals("capitals-regressed").reportDirectory(this.reports)
			.task((example) -> this.regressedBot.answer(example.input()));

		assertThatThrownBy(experiment::run).isInstanceOf(AssertionError.class)
			.hasMessageStartingWith("Experiment 'capitals-regressed' failed its quality gates (report: ")
			.hasMessageEndingWith("""
					report.md):
					  - expected-document-recall: pass rate 0.167 is below the threshold 0.900
					  - regressed against the baseline (tolerance 0.100): contains-match: \
					pass rate 1.000 -> 0.167 (-0.833), mean score 1.000 -> 0.167 (-0.833)
					  - regressed against the baseline (tolerance 0.100): expected-document-recall: \
					pass rate 1.000 -> 0.167 (-0.833), mean score 1.000 -> 0.167 (-0.833)""");
		assertThat(this.reports.resolve("report.md")).content()
			.contains("**FAILED**", "## Gate failures", "**regressed**");
	}

	@Test
	void aSmallDropWithinTheToleranceDoesNotFail() {
		ExperimentReport report = this.experiments.experiment("capitals-within-tolerance")
			.dataset(DATASET)
			.reportDirectory(this.reports)
			.evaluators(containsMatch())
			.baseline(BASELINE)
			.tolerance(0.2)
			.task((example) -> example.id().equals("pt") ? "Lisbon? not sure" : this.bot.answer(example.input()))
			.run();

		assertThat(report.comparison().deltas()).singleElement().satisfies((delta) -> {
			assertThat(delta.passRateDelta()).isZero();
			assertThat(delta.regressed()).isFalse();
		});
	}

	@Test
	void anExampleWhoseModelThrowsIsAFailedExampleNotACrashedRun() {
		List<Example> examples = List.of(
				new Example("ok", "What is the capital of Italy?", "Rome", List.of("geo-it"), Map.of()),
				new Example("boom", "boom: what is the capital of Spain?", "Madrid", List.of("geo-es"), Map.of()));

		ExperimentReport report = this.experiments.experiment("capitals-failure")
			.examples(examples)
			.reportDirectory(this.reports)
			.evaluators("non-empty")
			.evaluators(containsMatch())
			.task((example) -> this.bot.answer(example.input()))
			.runWithoutGates();

		assertThat(report.summary().failedExamples()).isEqualTo(1);
		assertThat(report.examples().get(0).failed()).isFalse();
		ExperimentReport.ExampleResult failed = report.examples().get(1);
		assertThat(failed.error()).contains("IllegalStateException: model unavailable");
		assertThat(failed.output()).isNull();
		assertThat(failed.retrievedDocumentIds()).containsExactly("geo-es");
		assertThat(failed.scores()).extracting(ExperimentReport.Score::verdict).containsOnly("fail");
		assertThat(report.aggregates().get("non-empty").passRate()).isEqualTo(0.5);
		assertThat(report.aggregates().get("contains-match").passRate()).isEqualTo(0.5);
		assertThat(ExperimentReports.markdown(report)).contains("**failed:** java.lang.IllegalStateException");
	}

	@Test
	void anExampleThatHangsTimesOutAsAFailedExample() {
		CountDownLatch never = new CountDownLatch(1);
		List<Example> examples = List.of(
				new Example("hangs", "What is the capital of Japan?", "Tokyo", List.of("geo-jp"), Map.of()),
				new Example("fine", "What is the capital of Spain?", "Madrid", List.of("geo-es"), Map.of()));

		ExperimentReport report = this.experiments.experiment("capitals-timeout")
			.examples(examples)
			.reportDirectory(this.reports)
			.exampleTimeout(Duration.ofMillis(300))
			.evaluators(containsMatch())
			.task((example) -> {
				if (example.id().equals("hangs")) {
					try {
						never.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new IllegalStateException("interrupted");
					}
				}
				return this.bot.answer(example.input());
			})
			.runWithoutGates();

		assertThat(report.examples().get(0).error()).isEqualTo("timed out after 300 ms");
		assertThat(report.examples().get(0).scores()).singleElement()
			.satisfies((score) -> assertThat(score.verdict()).isEqualTo("fail"));
		assertThat(report.examples().get(1).failed()).isFalse();
		assertThat(report.aggregates().get("contains-match").passRate()).isEqualTo(0.5);
	}

	@Test
	void examplesRunWithAtMostTheConfiguredConcurrency() {
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger maxInFlight = new AtomicInteger();
		// two examples must meet at the barrier: proves two run at once, and a third
		// would be seen in flight if the bound were not respected
		CyclicBarrier pairs = new CyclicBarrier(2);
		List<Example> examples = IntStream.range(0, 10)
			.mapToObj((i) -> Example.of("q" + i, "What is the capital of France?"))
			.toList();

		ExperimentReport report = this.experiments.experiment("capitals-concurrency")
			.examples(examples)
			.reportDirectory(this.reports)
			.concurrency(2)
			.evaluators("non-empty")
			.task((example) -> {
				maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
				try {
					pairs.await(10, TimeUnit.SECONDS);
					return this.bot.answer(example.input());
				}
				catch (InterruptedException | BrokenBarrierException | TimeoutException ex) {
					throw new IllegalStateException(ex);
				}
				finally {
					inFlight.decrementAndGet();
				}
			})
			.runWithoutGates();

		assertThat(report.summary().failedExamples()).isZero();
		assertThat(maxInFlight.get()).isEqualTo(2);
		assertThat(report.concurrency()).isEqualTo(2);
	}

	@Test
	void everyExampleIsATraceTaggedWithTheExperimentRunAndExample() {
		exported.reset();
		ExperimentReport report = this.experiments.experiment("capitals-traced")
			.examples(List.of(new Example("de", "What is the capital of Germany?", "Berlin", List.of(),
					Map.of("continent", "europe"))))
			.reportDirectory(this.reports)
			.task((example) -> this.bot.answer(example.input()))
			.run();

		String traceId = report.examples().get(0).traceId();
		List<SpanData> trace = new ArrayList<>(
				exported.getFinishedSpanItems().stream().filter((span) -> span.getTraceId().equals(traceId)).toList());
		SpanData root = trace.stream()
			.filter((span) -> !span.getParentSpanContext().isValid())
			.findFirst()
			.orElseThrow();
		assertThat(root.getName()).isEqualTo("experiment capitals-traced");
		assertThat(root.getAttributes().get(Experiment.EXPERIMENT_NAME)).isEqualTo("capitals-traced");
		assertThat(root.getAttributes().get(Experiment.EXPERIMENT_RUN_ID)).isEqualTo(report.runId());
		assertThat(root.getAttributes().get(Experiment.EXPERIMENT_EXAMPLE_ID)).isEqualTo("de");
		assertThat(root.getAttributes().get(Experiment.LANGFUSE_EXPERIMENT_ID)).isEqualTo(report.runId());
		assertThat(root.getAttributes().get(Experiment.LANGFUSE_EXPERIMENT_ITEM_ID)).isEqualTo("de");
		assertThat(root.getAttributes().get(Experiment.LANGFUSE_EXPERIMENT_ITEM_ROOT)).isEqualTo(root.getSpanId());
		assertThat(root.getAttributes().get(Experiment.LANGFUSE_EXPERIMENT_ITEM_EXPECTED_OUTPUT)).isEqualTo("Berlin");
		assertThat(root.getAttributes().get(AttributeKey.stringKey("output.value")))
			.isEqualTo("Berlin is the capital of Germany.");
		assertThat(trace).filteredOn((span) -> span.getName().equals("capitals-flow"))
			.singleElement()
			.satisfies((chain) -> {
				assertThat(chain.getParentSpanId()).isEqualTo(root.getSpanId());
				assertThat(chain.getAttributes().get(AttributeKey.stringKey("metadata"))).contains("\"continent\"")
					.contains("\"europe\"");
			});
	}

	@Test
	void anEmptyDatasetIsRejectedBeforeAnythingRuns() {
		Experiment empty = this.experiments.experiment("capitals-empty")
			.examples(List.of())
			.reportDirectory(this.reports)
			.task((example) -> this.bot.answer(example.input()));

		assertThatThrownBy(empty::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no examples");
	}

	@Test
	void anExperimentNameThatCannotNameADirectoryIsRejected() {
		assertThatThrownBy(() -> this.experiments.experiment("../escape")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("names a directory");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Spans {

		@Bean
		SpanProcessor inMemorySpanProcessor() {
			return SimpleSpanProcessor.create(exported);
		}

	}

}
