package dev.llmobs.test.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;

import dev.llmobs.test.experiment.ExperimentReport.Aggregate;
import dev.llmobs.test.experiment.ExperimentReport.Comparison;
import dev.llmobs.test.experiment.ExperimentReport.Delta;
import dev.llmobs.test.experiment.ExperimentReport.ExampleResult;

/**
 * Writes reports ({@code report.json} for machines, {@code report.md} for people), reads
 * a baseline and compares a run with it.
 */
public final class ExperimentReports {

	/** The JSON report's file name. */
	public static final String JSON = "report.json";

	/** The Markdown report's file name. */
	public static final String MARKDOWN = "report.md";

	/** The HTML report's file name. */
	public static final String HTML = "report.html";

	private static final int CELL = 160;

	private static final JsonMapper json = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private ExperimentReports() {
	}

	/**
	 * Writes {@code report.json}, {@code report.md} and {@code report.html} into a
	 * directory, creating it.
	 * @param report the report
	 * @param directory the directory
	 */
	public static void write(ExperimentReport report, Path directory) {
		try {
			Files.createDirectories(directory);
			Files.writeString(directory.resolve(JSON), json.writeValueAsString(report), StandardCharsets.UTF_8);
			Files.writeString(directory.resolve(MARKDOWN), markdown(report), StandardCharsets.UTF_8);
			Files.writeString(directory.resolve(HTML), html(report), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the experiment report to " + directory, ex);
		}
	}

	/**
	 * Reads a JSON report.
	 * @param resource the report
	 * @return the report
	 */
	public static ExperimentReport read(Resource resource) {
		if (!resource.exists()) {
			throw new IllegalArgumentException("Baseline " + resource.getDescription() + " does not exist");
		}
		try (InputStream in = resource.getInputStream()) {
			ExperimentReport report = json.readValue(in, ExperimentReport.class);
			if (report == null || report.aggregates() == null) {
				throw new IllegalArgumentException(
						"Baseline " + resource.getDescription() + " is not an experiment report: no 'aggregates'");
			}
			return report;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Baseline " + resource.getDescription()
					+ " is not an experiment report: " + ex.getOriginalMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read baseline " + resource.getDescription(), ex);
		}
	}

	/**
	 * The report as JSON text.
	 * @param report the report
	 * @return the JSON
	 */
	public static String toJson(ExperimentReport report) {
		return json.writeValueAsString(report);
	}

	/**
	 * Compares a run's aggregates with a baseline's.
	 * @param aggregates this run's aggregates
	 * @param baseline the baseline report
	 * @param baselineLocation where the baseline came from
	 * @param tolerance the largest drop allowed in a pass rate or a mean score
	 * @return the comparison
	 */
	public static Comparison compare(Map<String, Aggregate> aggregates, ExperimentReport baseline,
			String baselineLocation, double tolerance) {
		List<Delta> deltas = new ArrayList<>();
		List<String> regressions = new ArrayList<>();
		Map<String, Aggregate> before = (baseline.aggregates() != null) ? baseline.aggregates() : Map.of();
		for (Aggregate now : aggregates.values()) {
			Aggregate then = before.get(now.evaluator());
			if (then == null) {
				deltas.add(new Delta(now.evaluator(), null, now.passRate(), null, null, now.meanScore(), null, false));
				continue;
			}
			double passDelta = now.passRate() - then.passRate();
			Double meanDelta = (now.meanScore() != null && then.meanScore() != null)
					? now.meanScore() - then.meanScore() : null;
			List<String> reasons = new ArrayList<>();
			// a small epsilon keeps a drop of exactly the tolerance from failing on
			// rounding
			if (passDelta < -tolerance - 1e-9) {
				reasons.add(String.format(Locale.ROOT, "pass rate %.3f -> %.3f (%+.3f)", then.passRate(),
						now.passRate(), passDelta));
			}
			if (meanDelta != null && meanDelta < -tolerance - 1e-9) {
				reasons.add(String.format(Locale.ROOT, "mean score %.3f -> %.3f (%+.3f)", then.meanScore(),
						now.meanScore(), meanDelta));
			}
			if (!reasons.isEmpty()) {
				regressions.add(now.evaluator() + ": " + String.join(", ", reasons));
			}
			deltas.add(new Delta(now.evaluator(), then.passRate(), now.passRate(), passDelta, then.meanScore(),
					now.meanScore(), meanDelta, !reasons.isEmpty()));
		}
		return new Comparison(baselineLocation, baseline.runId(), tolerance, deltas, regressions);
	}

	/**
	 * The report for people: a summary, the evaluators table (with baseline deltas), the
	 * gate failures and one row per example.
	 * @param report the report
	 * @return Markdown text
	 */
	public static String markdown(ExperimentReport report) {
		StringBuilder md = new StringBuilder();
		var summary = report.summary();
		md.append("# Experiment `").append(report.name()).append("`\n\n");
		md.append(report.passed() ? "**PASSED**" : "**FAILED**")
			.append(" · run `")
			.append(report.runId())
			.append("` · ")
			.append(report.startedAt())
			.append("\n\n");
		md.append("| | |\n|---|---|\n");
		md.append("| dataset | `").append(cell(report.dataset())).append("` |\n");
		md.append("| examples | ")
			.append(summary.examples())
			.append(" (")
			.append(summary.failedExamples())
			.append(" failed) |\n");
		md.append("| prompt versions | ")
			.append(report.promptVersions().isEmpty() ? "none recorded" : String.join(", ", report.promptVersions()))
			.append(" |\n");
		md.append("| total cost | ").append(String.format(Locale.ROOT, "$%.6f", summary.totalCostUsd())).append(" |\n");
		md.append("| latency p50 / p95 | ")
			.append(String.format(Locale.ROOT, "%.1f ms / %.1f ms", summary.latencyP50Ms(), summary.latencyP95Ms()))
			.append(" |\n");
		md.append("| concurrency | ").append(report.concurrency()).append(" |\n\n");

		md.append("## Evaluators\n\n");
		Comparison comparison = report.comparison();
		Map<String, Delta> deltas = (comparison != null)
				? comparison.deltas().stream().collect(Collectors.toMap(Delta::evaluator, (delta) -> delta)) : Map.of();
		md.append("| evaluator | examples | pass rate | mean score | errors |");
		if (comparison != null) {
			md.append(" baseline pass rate | Δ pass rate | baseline mean | Δ mean | |");
		}
		md.append('\n').append("|---|---:|---:|---:|---:|");
		if (comparison != null) {
			md.append("---:|---:|---:|---:|---|");
		}
		md.append('\n');
		for (Aggregate aggregate : report.aggregates().values()) {
			md.append("| ")
				.append(aggregate.evaluator())
				.append(" | ")
				.append(aggregate.count())
				.append(" | ")
				.append(number(aggregate.passRate()))
				.append(" | ")
				.append(number(aggregate.meanScore()))
				.append(" | ")
				.append(aggregate.errors())
				.append(" |");
			if (comparison != null) {
				Delta delta = deltas.get(aggregate.evaluator());
				if (delta == null || delta.baselinePassRate() == null) {
					md.append(" – | – | – | – | new |");
				}
				else {
					md.append(' ')
						.append(number(delta.baselinePassRate()))
						.append(" | ")
						.append(signed(delta.passRateDelta()))
						.append(" | ")
						.append(number(delta.baselineMeanScore()))
						.append(" | ")
						.append(signed(delta.meanScoreDelta()))
						.append(" | ")
						.append(delta.regressed() ? "**regressed**" : "ok")
						.append(" |");
				}
			}
			md.append('\n');
		}
		if (comparison != null) {
			md.append("\nBaseline: `")
				.append(cell(comparison.baseline()))
				.append("` (run `")
				.append(comparison.baselineRunId())
				.append("`), tolerance ")
				.append(number(comparison.tolerance()))
				.append(".\n");
		}
		if (!report.passed()) {
			md.append("\n## Gate failures\n\n");
			report.failures().forEach((failure) -> md.append("- ").append(failure).append('\n'));
		}
		md.append("\n## Examples\n\n");
		md.append("| id | input | output | scores | cost (USD) | latency (ms) | trace id |\n");
		md.append("|---|---|---|---|---:|---:|---|\n");
		for (ExampleResult example : report.examples()) {
			String scores = example.scores()
				.stream()
				.map((score) -> score.evaluator() + " " + ("pass".equals(score.verdict()) ? "✅" : "❌")
						+ ((score.score() != null) ? " " + number(score.score()) : ""))
				.collect(Collectors.joining("<br>"));
			md.append("| ")
				.append(cell(example.id()))
				.append(" | ")
				.append(cell(example.input()))
				.append(" | ")
				.append(example.failed() ? "**failed:** " + cell(example.error()) : cell(example.output()))
				.append(" | ")
				.append(scores)
				.append(" | ")
				.append(String.format(Locale.ROOT, "%.6f", example.costUsd()))
				.append(" | ")
				.append(String.format(Locale.ROOT, "%.1f", example.latencyMs()))
				.append(" | `")
				.append(example.traceId())
				.append("` |\n");
		}
		return md.toString();
	}

	/**
	 * The report as one self-contained HTML page: the same summary, evaluators and
	 * examples as the Markdown, every value escaped.
	 * @param report the report
	 * @return HTML text
	 */
	public static String html(ExperimentReport report) {
		StringBuilder html = new StringBuilder();
		var summary = report.summary();
		html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Experiment ")
			.append(escape(report.name()))
			.append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse;"
					+ "margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}"
					+ ".pass{color:#137333}.fail{color:#b3261e}.num{text-align:right}</style></head><body>\n");
		html.append("<h1>Experiment <code>")
			.append(escape(report.name()))
			.append("</code> <span class=\"")
			.append(report.passed() ? "pass\">PASSED" : "fail\">FAILED")
			.append("</span></h1>\n<p>run <code>")
			.append(escape(report.runId()))
			.append("</code> · ")
			.append(escape(report.startedAt()))
			.append(" · dataset <code>")
			.append(escape(report.dataset()))
			.append("</code> · ")
			.append(summary.examples())
			.append(" examples (")
			.append(summary.failedExamples())
			.append(" failed) · prompt versions ")
			.append(escape(
					report.promptVersions().isEmpty() ? "none recorded" : String.join(", ", report.promptVersions())))
			.append(" · total cost ")
			.append(String.format(Locale.ROOT, "$%.6f", summary.totalCostUsd()))
			.append(" · latency p50 ")
			.append(String.format(Locale.ROOT, "%.1f ms, p95 %.1f ms", summary.latencyP50Ms(), summary.latencyP95Ms()))
			.append("</p>\n");
		Comparison comparison = report.comparison();
		Map<String, Delta> deltas = (comparison != null)
				? comparison.deltas().stream().collect(Collectors.toMap(Delta::evaluator, (delta) -> delta)) : Map.of();
		html.append("<h2>Evaluators</h2>\n<table><tr><th>evaluator</th><th>examples</th><th>pass rate</th>"
				+ "<th>mean score</th><th>errors</th><th>Δ pass rate</th><th>Δ mean</th></tr>\n");
		for (Aggregate aggregate : report.aggregates().values()) {
			Delta delta = deltas.get(aggregate.evaluator());
			html.append("<tr")
				.append((delta != null && delta.regressed()) ? " class=\"fail\"" : "")
				.append("><td>")
				.append(escape(aggregate.evaluator()))
				.append("</td><td class=\"num\">")
				.append(aggregate.count())
				.append("</td><td class=\"num\">")
				.append(number(aggregate.passRate()))
				.append("</td><td class=\"num\">")
				.append(number(aggregate.meanScore()))
				.append("</td><td class=\"num\">")
				.append(aggregate.errors())
				.append("</td><td class=\"num\">")
				.append((delta != null) ? signed(delta.passRateDelta()) : "–")
				.append("</td><td class=\"num\">")
				.append((delta != null) ? signed(delta.meanScoreDelta()) : "–")
				.append("</td></tr>\n");
		}
		html.append("</table>\n");
		if (!report.passed()) {
			html.append("<h2>Gate failures</h2>\n<ul>\n");
			report.failures().forEach((failure) -> html.append("<li>").append(escape(failure)).append("</li>\n"));
			html.append("</ul>\n");
		}
		html.append("<h2>Examples</h2>\n<table><tr><th>id</th><th>input</th><th>output</th><th>scores</th>"
				+ "<th>cost (USD)</th><th>latency (ms)</th><th>trace id</th></tr>\n");
		for (ExampleResult example : report.examples()) {
			html.append("<tr><td>")
				.append(escape(example.id()))
				.append("</td><td>")
				.append(escape(example.input()))
				.append("</td><td>")
				.append(example.failed() ? "<span class=\"fail\">failed: " + escape(example.error()) + "</span>"
						: escape(example.output()))
				.append("</td><td>");
			for (var score : example.scores()) {
				html.append("<div class=\"")
					.append("pass".equals(score.verdict()) ? "pass" : "fail")
					.append("\" title=\"")
					.append(escape(score.explanation()))
					.append("\">")
					.append(escape(score.evaluator()))
					.append(' ')
					.append(escape(score.verdict()))
					.append((score.score() != null) ? " " + number(score.score()) : "")
					.append("</div>");
			}
			html.append("</td><td class=\"num\">")
				.append(String.format(Locale.ROOT, "%.6f", example.costUsd()))
				.append("</td><td class=\"num\">")
				.append(String.format(Locale.ROOT, "%.1f", example.latencyMs()))
				.append("</td><td><code>")
				.append(escape(example.traceId()))
				.append("</code></td></tr>\n");
		}
		html.append("</table>\n</body></html>\n");
		return html.toString();
	}

	private static String escape(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder escaped = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '&' -> escaped.append("&amp;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	private static String number(Double value) {
		return (value != null) ? String.format(Locale.ROOT, "%.3f", value) : "–";
	}

	private static String signed(Double value) {
		return (value != null) ? String.format(Locale.ROOT, "%+.3f", value) : "–";
	}

	private static String cell(String text) {
		if (text == null) {
			return "";
		}
		String flat = text.replace('\n', ' ').replace('\r', ' ').replace("|", "\\|");
		return (flat.length() > CELL) ? flat.substring(0, CELL) + "…" : flat;
	}

}
