package dev.llmobs.test.experiment;

import java.util.List;

import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * What one example's run produced: the answer and the trace it left.
 *
 * @param example the example
 * @param output what the task returned, or {@code null}
 * @param outputText the text of the output (its {@code answer}, {@code text} or
 * {@code content} property, else its JSON), or {@code null}
 * @param retrievedDocumentIds the ids of the documents the run's retrievers returned, in
 * order, without duplicates
 * @param context the contents of the documents the run's retrievers returned
 * @param traceId the run's trace id, or {@code null} when the run was not traced (no
 * tracing, or the root span was sampled out)
 * @param spans the spans of the run's trace (ended before the example's root span)
 */
public record ExampleRun(Example example, Object output, String outputText, List<String> retrievedDocumentIds,
		List<String> context, String traceId, List<SpanData> spans) {

}
