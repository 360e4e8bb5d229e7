package dev.llmobs.test.experiment;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import dev.llmobs.LlmObs;
import dev.llmobs.context.LlmObsScope;
import dev.llmobs.eval.EvaluationInput;
import dev.llmobs.eval.EvaluationResult;
import dev.llmobs.eval.EvaluationRunner;
import dev.llmobs.eval.Verdict;
import dev.llmobs.test.experiment.ExperimentReport.Aggregate;
import dev.llmobs.test.experiment.ExperimentReport.Comparison;
import dev.llmobs.test.experiment.ExperimentReport.ExampleResult;
import dev.llmobs.test.experiment.ExperimentReport.Score;
import dev.llmobs.test.experiment.ExperimentReport.Summary;
import dev.llmobs.trace.LlmObsAttributes;

/**
 * One experiment, configured fluently and {@linkplain #run() run} inside a test: every
 * example of the dataset goes through the task (a call to the application's own bean) in
 * its own trace, is scored by the application's evaluators and the expectation-aware
 * ones, and the run is written to {@code target/llmobs-experiments/<name>/}, compared
 * with the baseline and checked against the thresholds. Get one from
 * {@link LlmExperiments#experiment(String)}.
 */
public final class Experiment {

	/**
	 * {@code llmobs.experiment.name}: the experiment's name, on each example's root span.
	 */
	public static final AttributeKey<String> EXPERIMENT_NAME = AttributeKey.stringKey("llmobs.experiment.name");

	/** {@code llmobs.experiment.run_id}: the run's id. */
	public static final AttributeKey<String> EXPERIMENT_RUN_ID = AttributeKey.stringKey("llmobs.experiment.run_id");

	/** {@code llmobs.experiment.example_id}: the example's id. */
	public static final AttributeKey<String> EXPERIMENT_EXAMPLE_ID = AttributeKey
		.stringKey("llmobs.experiment.example_id");

	/** {@code langfuse.experiment.id}: Langfuse's experiment run id. */
	public static final AttributeKey<String> LANGFUSE_EXPERIMENT_ID = AttributeKey.stringKey("langfuse.experiment.id");

	/** {@code langfuse.experiment.name}: Langfuse's experiment name. */
	public static final AttributeKey<String> LANGFUSE_EXPERIMENT_NAME = AttributeKey
		.stringKey("langfuse.experiment.name");

	/**
	 * {@code langfuse.experiment.dataset.id}: Langfuse's dataset id (the location here).
	 */
	public static final AttributeKey<String> LANGFUSE_EXPERIMENT_DATASET_ID = AttributeKey
		.stringKey("langfuse.experiment.dataset.id");

	/** {@code langfuse.experiment.item.id}: Langfuse's dataset item id. */
	public static final AttributeKey<String> LANGFUSE_EXPERIMENT_ITEM_ID = AttributeKey
		.stringKey("langfuse.experiment.item.id");

	/**
	 * {@code langfuse.experiment.item.root_observation_id}: the example's root span id.
	 */
	public static final AttributeKey<String> LANGFUSE_EXPERIMENT_ITEM_ROOT = AttributeKey
		.stringKey("langfuse.experiment.item.root_observation_id");

	/** {@code langfuse.experiment.item.expected_output}: the reference answer. */
	public static final AttributeKey<String> LANGFUSE_EXPERIMENT_ITEM_EXPECTED_OUTPUT = AttributeKey
		.stringKey("langfuse.experiment.item.expected_output");

	private static final Pattern DOCUMENT_ID = Pattern.compile("retrieval\\.documents\\.(\\d+)\\.document\\.id");

	private static final int MAX_ATTRIBUTE_TEXT = 4000;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String name;

	private final Tracer tracer;

	private final ExperimentSpanRecorder spans;

	private final EvaluationRunner evaluationRunner;

	private final ResourceLoader resources;

	private String datasetLocation;

	private List<Example> examples;

	private Function<Example, ?> task;

	private final List<String> appEvaluators = new ArrayList<>();

	private final List<ExperimentEvaluator> evaluators = new ArrayList<>();

	private int concurrency = 4;

	private Duration exampleTimeout = Duration.ofMinutes(2);

	private final Map<String, Double> minPassRates = new LinkedHashMap<>();

	private final Map<String, Double> minMeanScores = new LinkedHashMap<>();

	private String baselineLocation;

	private double tolerance = 0.05;

	private Path reportDirectory;

	Experiment(String name, Tracer tracer, ExperimentSpanRecorder spans, EvaluationRunner evaluationRunner,
			ResourceLoader resources, Path reportRoot) {
		if (name == null || !name.matches("[A-Za-z0-9._-]{1,100}")) {
			throw new IllegalArgumentException(
					"An experiment name is 1 to 100 letters, digits, '.', '_' or '-' (it names a directory): " + name);
		}
		this.name = name;
		this.tracer = tracer;
		this.spans = spans;
		this.evaluationRunner = evaluationRunner;
		this.resources = (resources != null) ? resources : new DefaultResourceLoader();
		this.reportDirectory = reportRoot.resolve(name);
	}

	/**
	 * The dataset: a {@code .jsonl} or {@code .csv} resource ({@code classpath:},
	 * {@code file:} or a plain file path). See {@link Datasets} for the format.
	 * @param location the dataset's location
	 * @return this experiment
	 */
	public Experiment dataset(String location) {
		this.datasetLocation = location;
		this.examples = null;
		return this;
	}

	/**
	 * The examples, given in code instead of a dataset file.
	 * @param examples the examples
	 * @return this experiment
	 */
	public Experiment examples(List<Example> examples) {
		this.examples = List.copyOf(examples);
		this.datasetLocation = "inline";
		return this;
	}

	/**
	 * What runs for each example: usually a call to the application's bean, such as
	 * {@code example -> assistant.answer(example.input())}. Throwing makes the example a
	 * failed example; the run goes on.
	 * @param task the task
	 * @return this experiment
	 */
	public Experiment task(Function<Example, ?> task) {
		this.task = task;
		return this;
	}

	/**
	 * The application's evaluators to score every answer with, by name: the built-ins
	 * ({@code non-empty}, {@code context-overlap}, ...), declared ones and
	 * {@code Evaluator} beans. The context they see is the documents the run retrieved.
	 * @param names the evaluator names
	 * @return this experiment
	 */
	public Experiment evaluators(String... names) {
		this.appEvaluators.addAll(Arrays.asList(names));
		return this;
	}

	/**
	 * Evaluators that know the expectation, such as
	 * {@link ExpectationEvaluators#expectedDocumentRecall()}.
	 * @param evaluators the evaluators
	 * @return this experiment
	 */
	public Experiment evaluators(ExperimentEvaluator... evaluators) {
		this.evaluators.addAll(Arrays.asList(evaluators));
		return this;
	}

	/**
	 * The most examples run at once (default 4).
	 * @param concurrency at least 1
	 * @return this experiment
	 */
	public Experiment concurrency(int concurrency) {
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be at least 1");
		}
		this.concurrency = concurrency;
		return this;
	}

	/**
	 * How long the experiment waits for one example before recording it as failed
	 * (default 2 minutes); results are collected in dataset order, so an example queued
	 * behind others may get longer, never less.
	 * @param timeout the timeout
	 * @return this experiment
	 */
	public Experiment exampleTimeout(Duration timeout) {
		this.exampleTimeout = Objects.requireNonNull(timeout);
		return this;
	}

	/**
	 * Fails the run when an evaluator's pass rate is below a minimum.
	 * @param evaluator the evaluator name
	 * @param minimum the minimum pass rate, 0 to 1
	 * @return this experiment
	 */
	public Experiment minPassRate(String evaluator, double minimum) {
		this.minPassRates.put(evaluator, minimum);
		return this;
	}

	/**
	 * Fails the run when an evaluator's mean score is below a minimum.
	 * @param evaluator the evaluator name
	 * @param minimum the minimum mean score, 0 to 1
	 * @return this experiment
	 */
	public Experiment minMeanScore(String evaluator, double minimum) {
		this.minMeanScores.put(evaluator, minimum);
		return this;
	}

	/**
	 * A baseline report ({@code report.json} of an earlier run) to compare with; an
	 * evaluator whose pass rate or mean score drops by more than the tolerance fails the
	 * run.
	 * @param location the baseline's location ({@code classpath:}, {@code file:} or a
	 * plain file path)
	 * @return this experiment
	 */
	public Experiment baseline(String location) {
		this.baselineLocation = location;
		return this;
	}

	/**
	 * The largest drop against the baseline allowed in a pass rate or mean score (default
	 * 0.05).
	 * @param tolerance the tolerance, 0 to 1
	 * @return this experiment
	 */
	public Experiment tolerance(double tolerance) {
		this.tolerance = tolerance;
		return this;
	}

	/**
	 * Where the report goes (default {@code target/llmobs-experiments/<name>}).
	 * @param directory the directory
	 * @return this experiment
	 */
	public Experiment reportDirectory(Path directory) {
		this.reportDirectory = directory;
		return this;
	}

	/**
	 * Runs every example, writes the report and checks the gates.
	 * @return the report, when every gate passed
	 * @throws AssertionError listing every threshold missed and every regression, after
	 * the report was written
	 */
	public ExperimentReport run() {
		ExperimentReport report = runWithoutGates();
		if (!report.passed()) {
			StringBuilder message = new StringBuilder("Experiment '").append(this.name)
				.append("' failed its quality gates (report: ")
				.append(this.reportDirectory.resolve(ExperimentReports.MARKDOWN).toAbsolutePath())
				.append("):");
			report.failures().forEach((failure) -> message.append("\n  - ").append(failure));
			throw new AssertionError(message.toString());
		}
		return report;
	}

	/**
	 * Runs every example and writes the report, without failing on the gates (the report
	 * still lists the failures).
	 * @return the report
	 */
	public ExperimentReport runWithoutGates() {
		Objects.requireNonNull(this.task, "Set the task: what runs for each example");
		List<Example> dataset = (this.examples != null) ? this.examples
				: Datasets.read(resource(Objects.requireNonNull(this.datasetLocation, "Set the dataset")));
		if (dataset.isEmpty()) {
			throw new IllegalArgumentException("The dataset " + this.datasetLocation + " has no examples");
		}
		// read the baseline first: a missing or broken one fails before any example runs
		ExperimentReport baseline = (this.baselineLocation != null)
				? ExperimentReports.read(resource(this.baselineLocation)) : null;
		String runId = UUID.randomUUID().toString();
		Instant started = Instant.now();
		List<ExampleResult> results = runAll(dataset, runId);
		Map<String, Aggregate> aggregates = aggregate(results);
		Set<String> promptVersions = new TreeSet<>();
		results.forEach((result) -> promptVersions.addAll(result.promptVersions()));
		Comparison comparison = (baseline != null)
				? ExperimentReports.compare(aggregates, baseline, this.baselineLocation, this.tolerance) : null;
		List<String> failures = gates(aggregates, comparison);
		List<Double> latencies = results.stream().map(ExampleResult::latencyMs).sorted().toList();
		Summary summary = new Summary(results.size(), (int) results.stream().filter(ExampleResult::failed).count(),
				results.stream().mapToDouble(ExampleResult::costUsd).sum(), percentile(latencies, 50),
				percentile(latencies, 95));
		ExperimentReport report = new ExperimentReport(this.name, runId, this.datasetLocation, started.toString(),
				this.concurrency, List.copyOf(promptVersions), summary, aggregates, results, comparison, failures);
		ExperimentReports.write(report, this.reportDirectory);
		return report;
	}

	private List<ExampleResult> runAll(List<Example> dataset, String runId) {
		AtomicInteger threads = new AtomicInteger();
		ThreadFactory factory = (runnable) -> {
			Thread thread = new Thread(runnable, "llmobs-experiment-" + this.name + "-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		ExecutorService pool = Executors.newFixedThreadPool(this.concurrency, factory);
		try {
			List<Future<ExampleResult>> futures = new ArrayList<>();
			for (Example example : dataset) {
				futures.add(pool.submit(() -> runOne(example, runId)));
			}
			List<ExampleResult> results = new ArrayList<>();
			for (int i = 0; i < futures.size(); i++) {
				results.add(await(futures.get(i), dataset.get(i)));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private ExampleResult await(Future<ExampleResult> future, Example example) {
		try {
			return future.get(this.exampleTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			return failed(example, "timed out after " + this.exampleTimeout.toMillis() + " ms",
					this.exampleTimeout.toMillis());
		}
		catch (ExecutionException ex) {
			return failed(example, "the experiment could not run it: " + ex.getCause(), 0);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return failed(example, "interrupted", 0);
		}
	}

	private ExampleResult failed(Example example, String error, double latencyMs) {
		ExampleRun run = new ExampleRun(example, null, null, List.of(), List.of(), null, List.of());
		return new ExampleResult(example.id(), example.input(), example.expectedOutput(), null, error,
				scores(evaluate(run, error, null)), 0, latencyMs, null, example.expectedDocumentIds(), List.of(),
				List.of());
	}

	private static List<Score> scores(List<EvaluationResult> evaluations) {
		return evaluations.stream()
			.map((result) -> new Score(result.name(), result.score(), result.label(),
					result.verdict().name().toLowerCase(Locale.ROOT), result.explanation()))
			.toList();
	}

	private ExampleResult runOne(Example example, String runId) {
		Span root = this.tracer.spanBuilder("experiment " + this.name)
			.setNoParent()
			.setAttribute(LlmObsAttributes.LLMOBS_SPAN_KIND, "chain")
			.setAttribute(AttributeKey.stringKey("openinference.span.kind"), "CHAIN")
			.setAttribute(AttributeKey.stringKey("input.value"), bounded(example.input()))
			.setAttribute(EXPERIMENT_NAME, this.name)
			.setAttribute(EXPERIMENT_RUN_ID, runId)
			.setAttribute(EXPERIMENT_EXAMPLE_ID, example.id())
			.setAttribute(LANGFUSE_EXPERIMENT_ID, runId)
			.setAttribute(LANGFUSE_EXPERIMENT_NAME, this.name)
			.setAttribute(LANGFUSE_EXPERIMENT_DATASET_ID, String.valueOf(this.datasetLocation))
			.setAttribute(LANGFUSE_EXPERIMENT_ITEM_ID, example.id())
			.startSpan();
		String traceId = root.getSpanContext().getTraceId();
		root.setAttribute(LANGFUSE_EXPERIMENT_ITEM_ROOT, root.getSpanContext().getSpanId());
		if (example.expectedOutput() != null) {
			root.setAttribute(LANGFUSE_EXPERIMENT_ITEM_EXPECTED_OUTPUT, bounded(example.expectedOutput()));
		}
		// an unsampled root (or no tracing at all) leaves no spans to read
		boolean watched = root.isRecording();
		if (watched) {
			this.spans.watch(traceId);
		}
		try (Scope scope = root.makeCurrent()) {
			Object output = null;
			String error = null;
			long start = System.nanoTime();
			try {
				output = runTask(example);
			}
			catch (Throwable ex) {
				error = String.valueOf(ex);
				root.recordException(ex);
				root.setStatus(StatusCode.ERROR, "the example failed");
			}
			double latencyMs = (System.nanoTime() - start) / 1_000_000.0;
			List<SpanData> traceSpans = watched ? this.spans.release(traceId) : List.of();
			String outputText = (error == null) ? AnswerText.of(output) : null;
			if (outputText != null) {
				root.setAttribute(AttributeKey.stringKey("output.value"), bounded(outputText));
			}
			ExampleRun run = new ExampleRun(example, output, outputText, documentIds(traceSpans),
					documentContents(traceSpans), watched ? traceId : null, traceSpans);
			List<EvaluationResult> evaluations = evaluate(run, error, root);
			recordOnRoot(root, evaluations);
			return new ExampleResult(example.id(), example.input(), example.expectedOutput(), outputText, error,
					scores(evaluations), cost(traceSpans), latencyMs, run.traceId(), example.expectedDocumentIds(),
					run.retrievedDocumentIds(), List.copyOf(promptVersions(traceSpans)));
		}
		finally {
			root.end();
		}
	}

	/**
	 * Runs the task with the example's metadata in scope, so every span of the run
	 * carries it.
	 */
	private Object runTask(Example example) {
		Deque<LlmObsScope> scopes = new ArrayDeque<>();
		try {
			example.metadata().forEach((key, value) -> scopes.push(LlmObs.metadata(key, value)));
			return this.task.apply(example);
		}
		finally {
			while (!scopes.isEmpty()) {
				scopes.pop().close();
			}
		}
	}

	private List<EvaluationResult> evaluate(ExampleRun run, String error, Span root) {
		List<EvaluationResult> results = new ArrayList<>();
		if (!this.appEvaluators.isEmpty()) {
			if (error != null) {
				this.appEvaluators.forEach((name) -> results.add(failedResult(name, error)));
			}
			else if (this.evaluationRunner == null) {
				this.appEvaluators.forEach((name) -> results.add(
						EvaluationResult.error(name, "no EvaluationRunner bean: is llmobs.evaluation.enabled false?")));
			}
			else {
				EvaluationInput input = new EvaluationInput(run.example().input(), run.outputText(), run.context(),
						run.example().metadata(), run.traceId(), root.getSpanContext().getSpanId());
				results.addAll(this.evaluationRunner.evaluate(this.appEvaluators, input));
			}
		}
		for (ExperimentEvaluator evaluator : this.evaluators) {
			EvaluationResult result;
			try {
				result = evaluator.evaluate(run);
			}
			catch (Exception ex) {
				result = EvaluationResult.error(evaluator.name(), "failed: " + ex);
			}
			if (result != null) {
				results.add((error != null) ? failedResult(result.name(), error) : result);
			}
		}
		return results;
	}

	private void recordOnRoot(Span root, List<EvaluationResult> evaluations) {
		if (this.evaluationRunner == null || evaluations.isEmpty()) {
			return;
		}
		try {
			this.evaluationRunner.recorder().recordOn(root, evaluations);
		}
		catch (RuntimeException ex) {
			// recording is best effort; the report has the scores
		}
	}

	private static EvaluationResult failedResult(String name, String error) {
		return new EvaluationResult(name, 0.0, "example-failed", Verdict.FAIL, "the example failed: " + error);
	}

	private Map<String, Aggregate> aggregate(List<ExampleResult> results) {
		Set<String> names = new LinkedHashSet<>(this.appEvaluators);
		this.evaluators.forEach((evaluator) -> names.add(evaluator.name()));
		results.forEach((result) -> result.scores().forEach((score) -> names.add(score.evaluator())));
		Map<String, Aggregate> aggregates = new LinkedHashMap<>();
		for (String evaluator : names) {
			int count = 0;
			int passed = 0;
			int failed = 0;
			int errors = 0;
			double sum = 0;
			int scored = 0;
			for (ExampleResult result : results) {
				for (Score score : result.scores()) {
					if (!score.evaluator().equals(evaluator)) {
						continue;
					}
					count++;
					switch (score.verdict()) {
						case "pass" -> passed++;
						case "fail" -> failed++;
						default -> errors++;
					}
					if (!"error".equals(score.verdict()) && score.score() != null) {
						sum += score.score();
						scored++;
					}
				}
			}
			if (count > 0) {
				aggregates.put(evaluator, new Aggregate(evaluator, count, passed, failed, errors,
						(double) passed / count, (scored > 0) ? sum / scored : null));
			}
		}
		return aggregates;
	}

	private List<String> gates(Map<String, Aggregate> aggregates, Comparison comparison) {
		List<String> failures = new ArrayList<>();
		this.minPassRates.forEach((evaluator, minimum) -> {
			Aggregate aggregate = aggregates.get(evaluator);
			if (aggregate == null) {
				failures.add(evaluator + ": no results, so its pass rate threshold cannot be checked");
			}
			else if (aggregate.passRate() < minimum) {
				failures.add(String.format(Locale.ROOT, "%s: pass rate %.3f is below the threshold %.3f", evaluator,
						aggregate.passRate(), minimum));
			}
		});
		this.minMeanScores.forEach((evaluator, minimum) -> {
			Aggregate aggregate = aggregates.get(evaluator);
			if (aggregate == null || aggregate.meanScore() == null) {
				failures.add(evaluator + ": no scores, so its mean score threshold cannot be checked");
			}
			else if (aggregate.meanScore() < minimum) {
				failures.add(String.format(Locale.ROOT, "%s: mean score %.3f is below the threshold %.3f", evaluator,
						aggregate.meanScore(), minimum));
			}
		});
		if (comparison != null) {
			comparison.regressions()
				.forEach((regression) -> failures.add("regressed against the baseline (tolerance "
						+ String.format(Locale.ROOT, "%.3f", comparison.tolerance()) + "): " + regression));
		}
		return failures;
	}

	private static double percentile(List<Double> sorted, int percentile) {
		if (sorted.isEmpty()) {
			return 0;
		}
		int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
		return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
	}

	private static List<String> documentIds(List<SpanData> spans) {
		Set<String> ids = new LinkedHashSet<>();
		for (SpanData span : sortedByStart(spans)) {
			Map<Integer, String> byIndex = new java.util.TreeMap<>();
			span.getAttributes().forEach((key, value) -> {
				Matcher matcher = DOCUMENT_ID.matcher(key.getKey());
				if (matcher.matches()) {
					byIndex.put(Integer.parseInt(matcher.group(1)), String.valueOf(value));
				}
			});
			ids.addAll(byIndex.values());
		}
		return List.copyOf(ids);
	}

	private static List<String> documentContents(List<SpanData> spans) {
		List<String> contents = new ArrayList<>();
		for (SpanData span : sortedByStart(spans)) {
			Map<Integer, String> byIndex = new java.util.TreeMap<>();
			span.getAttributes().forEach((key, value) -> {
				String name = key.getKey();
				if (name.startsWith("retrieval.documents.") && name.endsWith(".document.content")) {
					String index = name.substring("retrieval.documents.".length(),
							name.length() - ".document.content".length());
					if (index.chars().allMatch(Character::isDigit) && !index.isEmpty()) {
						byIndex.put(Integer.parseInt(index), String.valueOf(value));
					}
				}
			});
			contents.addAll(byIndex.values());
		}
		return contents;
	}

	private static List<SpanData> sortedByStart(List<SpanData> spans) {
		List<SpanData> sorted = new ArrayList<>(spans);
		sorted.sort(java.util.Comparator.comparingLong(SpanData::getStartEpochNanos));
		return sorted;
	}

	private static Set<String> promptVersions(List<SpanData> spans) {
		Set<String> versions = new TreeSet<>();
		for (SpanData span : spans) {
			String version = span.getAttributes().get(LlmObsAttributes.LLM_PROMPT_TEMPLATE_VERSION);
			if (version != null && !version.isEmpty()) {
				String id = span.getAttributes().get(LlmObsAttributes.GEN_AI_PROMPT_NAME);
				versions.add((id != null) ? id + "@" + version : version);
			}
		}
		return versions;
	}

	private static double cost(List<SpanData> spans) {
		double total = 0;
		for (SpanData span : spans) {
			Double cost = span.getAttributes().get(LlmObsAttributes.LLM_COST_TOTAL);
			if (cost != null
					&& !Boolean.TRUE.equals(span.getAttributes().get(LlmObsAttributes.LLMOBS_EVALUATION_JUDGE))) {
				total += cost;
			}
		}
		return total;
	}

	private Resource resource(String location) {
		if (!location.contains(":") || location.startsWith("/")) {
			FileSystemResource file = new FileSystemResource(location);
			if (file.exists()) {
				return file;
			}
		}
		return this.resources.getResource(location);
	}

	private static String bounded(String text) {
		if (text == null) {
			return "";
		}
		return (text.length() > MAX_ATTRIBUTE_TEXT) ? text.substring(0, MAX_ATTRIBUTE_TEXT) + "…[truncated "
				+ (text.length() - MAX_ATTRIBUTE_TEXT) + " chars]" : text;
	}

	/**
	 * The text of an answer, the way {@code @Evaluated} reads it.
	 */
	static final class AnswerText {

		private AnswerText() {
		}

		static String of(Object value) {
			if (value == null || value instanceof CharSequence) {
				return (value != null) ? value.toString() : null;
			}
			for (String accessor : new String[] { "answer", "text", "content", "getAnswer", "getText", "getContent" }) {
				try {
					java.lang.reflect.Method method = value.getClass().getMethod(accessor);
					if (method.getParameterCount() == 0) {
						method.trySetAccessible();
						if (method.invoke(value) instanceof CharSequence chars) {
							return chars.toString();
						}
					}
				}
				catch (ReflectiveOperationException | RuntimeException ex) {
					// try the next accessor
				}
			}
			if (value instanceof Number || value instanceof Boolean) {
				return value.toString();
			}
			try {
				return json.writeValueAsString(value);
			}
			catch (RuntimeException ex) {
				return String.valueOf(value);
			}
		}

	}

}
