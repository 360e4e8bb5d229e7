package dev.llmobs.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.json.JsonMapper;

import dev.llmobs.capture.CaptureListener;
import dev.llmobs.capture.RedactionKind;
import dev.llmobs.capture.Redactor;

/**
 * Redaction of a realistic 4,000-character text: the sample's help articles as JSON, with
 * digits, quotes and words such as "password" and "access" that send the secret detectors
 * to their patterns. With the default detectors and with the sample's (plus emails and
 * phones).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RedactionBenchmark {

	private final Redactor defaults = Redactor.of(EnumSet.of(RedactionKind.SECRETS, RedactionKind.CREDIT_CARDS),
			List.of());

	private final Redactor sample = Redactor.of(
			EnumSet.of(RedactionKind.SECRETS, RedactionKind.CREDIT_CARDS, RedactionKind.EMAILS, RedactionKind.PHONES),
			List.of());

	private String articles;

	private String[] oneRequest;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		try (InputStream in = RedactionBenchmark.class.getResourceAsStream("/knowledge-base.json")) {
			this.articles = new String(in.readAllBytes(), StandardCharsets.UTF_8).substring(0, 4000);
		}
		try (InputStream in = RedactionBenchmark.class.getResourceAsStream("/sample-request-captures.json")) {
			this.oneRequest = JsonMapper.builder().build().readValue(in, String[].class);
		}
	}

	@Benchmark
	public String redactArticlesDefaultDetectors() {
		return this.defaults.redact(this.articles, CaptureListener.NONE);
	}

	@Benchmark
	public String redactArticlesSampleDetectors() {
		return this.sample.redact(this.articles, CaptureListener.NONE);
	}

	/**
	 * The nine texts one request of the sample captures (4,160 characters: the chain's
	 * answer, the documents, the prompt task's arguments and prompt, the model call's
	 * input and output, the prompt template), with the sample's detectors.
	 * @param blackhole receives the results
	 */
	@Benchmark
	public void redactOneSampleRequestsCaptures(Blackhole blackhole) {
		for (String text : this.oneRequest) {
			blackhole.consume(this.sample.redact(text, CaptureListener.NONE));
		}
	}

}
