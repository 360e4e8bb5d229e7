package dev.llmobs.test.experiment;

import java.nio.file.Path;

import io.opentelemetry.api.trace.Tracer;

import org.springframework.core.io.ResourceLoader;

import dev.llmobs.eval.EvaluationRunner;

/**
 * Creates experiments bound to the application under test: its tracer, its evaluators and
 * the recorder of the examples' spans. Inject it into a {@code @SpringBootTest} annotated
 * with {@link AutoConfigureLlmObsExperiments}.
 */
public class LlmExperiments {

	/** The default root of experiment reports, relative to the working directory. */
	public static final Path DEFAULT_REPORT_ROOT = Path.of("target", "llmobs-experiments");

	private final Tracer tracer;

	private final ExperimentSpanRecorder spans;

	private final EvaluationRunner evaluationRunner;

	private final ResourceLoader resources;

	private final Path reportRoot;

	/**
	 * Creates the factory.
	 * @param tracer the tracer the examples' root spans are started with
	 * @param spans the recorder of the examples' spans
	 * @param evaluationRunner the application's evaluators, or {@code null}
	 * @param resources loads datasets and baselines
	 * @param reportRoot the directory each experiment's report directory is created in
	 */
	public LlmExperiments(Tracer tracer, ExperimentSpanRecorder spans, EvaluationRunner evaluationRunner,
			ResourceLoader resources, Path reportRoot) {
		this.tracer = tracer;
		this.spans = spans;
		this.evaluationRunner = evaluationRunner;
		this.resources = resources;
		this.reportRoot = reportRoot;
	}

	/**
	 * A new experiment.
	 * @param name the experiment's name: letters, digits, {@code .}, {@code _} or
	 * {@code -}; it names the report directory
	 * @return the experiment, to configure and run
	 */
	public Experiment experiment(String name) {
		return new Experiment(name, this.tracer, this.spans, this.evaluationRunner, this.resources, this.reportRoot);
	}

}
