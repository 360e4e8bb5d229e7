package dev.llmobs.springai;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.opentelemetry.api.trace.Span;

import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;

import dev.llmobs.capture.CapturedContent;
import dev.llmobs.failure.RecordingFailures;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.LlmSpanWriter;

/**
 * Turns the span of each Spring AI vector store similarity search into an OpenInference
 * {@code RETRIEVER} span: the query as input and the returned documents flattened as
 * {@code retrieval.documents.N.document.*}, exactly as a {@code @Retriever} method's;
 * their contents also feed the trace's context for evaluations. Adds and deletes are left
 * as Spring AI records them.
 */
public final class VectorStoreObservationEnricher implements ObservationHandler<VectorStoreObservationContext> {

	private static final String QUERY = VectorStoreObservationContext.Operation.QUERY.value();

	private final SpanEnrichment enrichment;

	private final boolean captureInputs;

	/**
	 * Creates the enricher.
	 * @param writer the span writer (capture, conventions, documents)
	 * @param captureInputs whether the query text is recorded
	 */
	public VectorStoreObservationEnricher(LlmSpanWriter writer, boolean captureInputs) {
		this.enrichment = new SpanEnrichment(writer);
		this.captureInputs = captureInputs;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof VectorStoreObservationContext store && QUERY.equals(store.getOperationName());
	}

	@Override
	public void onStart(VectorStoreObservationContext context) {
		try {
			ObservedCall call = ObservedCall.start(context, null, null);
			Span span = call.span();
			if (!span.isRecording()) {
				return;
			}
			this.enrichment.writeIdentity(span, LlmSpanKind.RETRIEVER, call);
			SearchRequest request = context.getQueryRequest();
			if (this.captureInputs && request != null) {
				CapturedContent query = this.enrichment.writer().capture().capture(request.getQuery());
				this.enrichment.writer().writeRetrievalQuery(span, query);
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("the start of a Spring AI vector search", ex);
		}
	}

	@Override
	public void onStop(VectorStoreObservationContext context) {
		ObservedCall call = context.get(ObservedCall.class);
		if (call == null) {
			return;
		}
		if (context.getQueryResponse() != null) {
			this.enrichment.writer()
				.writeRetrievedDocuments(call.span(), context.getQueryResponse(), call.traceState());
		}
		else {
			this.enrichment.writeUnfinished(call.span(), context);
		}
	}

}
