package dev.llmobs.test.experiment;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;

import dev.llmobs.test.experiment.ExperimentReport.Aggregate;
import dev.llmobs.test.experiment.ExperimentReport.Comparison;
import dev.llmobs.test.experiment.ExperimentReport.Summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Comparing a run with its baseline, and reading a baseline back.
 */
class ExperimentReportsTests {

	private static Map<String, Aggregate> aggregates(Aggregate... aggregates) {
		Map<String, Aggregate> map = new LinkedHashMap<>();
		for (Aggregate aggregate : aggregates) {
			map.put(aggregate.evaluator(), aggregate);
		}
		return map;
	}

	private static ExperimentReport report(Map<String, Aggregate> aggregates) {
		return new ExperimentReport("demo", "run-1", "inline", "2026-01-01T00:00:00Z", 1, List.of(),
				new Summary(10, 0, 0, 1, 2), aggregates, List.of(), null, List.of());
	}

	@Test
	void aDropBeyondTheToleranceIsARegressionAndAGainIsNot() {
		ExperimentReport baseline = report(aggregates(new Aggregate("recall", 10, 9, 1, 0, 0.9, 0.9),
				new Aggregate("overlap", 10, 5, 5, 0, 0.5, 0.5)));

		Comparison comparison = ExperimentReports.compare(aggregates(new Aggregate("recall", 10, 7, 3, 0, 0.7, 0.7),
				new Aggregate("overlap", 10, 8, 2, 0, 0.8, 0.8), new Aggregate("brand-new", 10, 1, 9, 0, 0.1, null)),
				baseline, "baseline.json", 0.05);

		assertThat(comparison.regressions())
			.containsExactly("recall: pass rate 0.900 -> 0.700 (-0.200), mean score 0.900 -> 0.700 (-0.200)");
		assertThat(comparison.deltas()).extracting(ExperimentReport.Delta::regressed)
			.containsExactly(true, false, false);
		assertThat(comparison.deltas().get(1).passRateDelta()).isCloseTo(0.3,
				org.assertj.core.data.Offset.offset(1e-9));
		assertThat(comparison.deltas().get(2).baselinePassRate()).isNull();
	}

	@Test
	void aDropOfExactlyTheToleranceIsAllowed() {
		ExperimentReport baseline = report(aggregates(new Aggregate("recall", 10, 9, 1, 0, 0.9, null)));

		Comparison comparison = ExperimentReports.compare(aggregates(new Aggregate("recall", 10, 8, 2, 0, 0.8, null)),
				baseline, "baseline.json", 0.1);

		assertThat(comparison.regressions()).isEmpty();
	}

	@Test
	void aReportReadsBackAsItWasWritten() {
		ExperimentReport report = report(aggregates(new Aggregate("recall", 10, 9, 1, 0, 0.9, 0.9)));

		ExperimentReport read = ExperimentReports
			.read(new ByteArrayResource(ExperimentReports.toJson(report).getBytes(StandardCharsets.UTF_8)));

		assertThat(read).isEqualTo(report);
	}

	@Test
	void theHtmlReportEscapesWhatTheModelSaid() {
		ExperimentReport.ExampleResult example = new ExperimentReport.ExampleResult("x\"y", "<b>question</b>", null,
				"<script>alert(1)</script>", null,
				List.of(new ExperimentReport.Score("non-empty", 1.0, null, "pass", "it's \"fine\"")), 0, 1,
				"0af7651916cd43dd8448eb211c80319c", List.of(), List.of(), List.of());
		ExperimentReport report = new ExperimentReport("demo", "run-1", "inline", "2026-01-01T00:00:00Z", 1, List.of(),
				new Summary(1, 0, 0, 1, 1), aggregates(), List.of(example), null, List.of());

		String html = ExperimentReports.html(report);

		assertThat(html).doesNotContain("<script>", "<b>question")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;question&lt;/b&gt;", "x&quot;y",
					"title=\"it&#39;s &quot;fine&quot;\"");
	}

	@Test
	void aBaselineThatIsNotAReportIsRejectedClearly() {
		assertThatThrownBy(
				() -> ExperimentReports.read(new ByteArrayResource("[1, 2]".getBytes(StandardCharsets.UTF_8))))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("is not an experiment report");
	}

}
