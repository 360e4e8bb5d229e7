package dev.llmobs.trace;

import java.util.Set;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

import dev.llmobs.capture.CapturedContent;
import dev.llmobs.capture.ContentCapture;
import dev.llmobs.llm.LlmCallRecorder;
import dev.llmobs.llm.LlmUsage;
import dev.llmobs.llm.NestedModelCalls;
import dev.llmobs.prompt.PromptTemplateInfo;
import dev.llmobs.trace.document.DocumentAttributes;
import dev.llmobs.trace.document.DocumentExtractor;
import dev.llmobs.trace.document.RetrievedDocument;

/**
 * Writes the per-call attributes of a span (input, output, documents, errors) in the
 * configured conventions. Every method is failure-proof: a recording problem is counted
 * and logged, never thrown into the application.
 */
public final class LlmSpanWriter {

	/** Attributes kept free for ids, kinds, usage and session stamping. */
	private static final int RESERVED_ATTRIBUTES = 40;

	private final ContentCapture capture;

	private final ContentCapture documentCapture;

	private final DocumentExtractor documents;

	private final Set<Convention> conventions;

	private final boolean openInference;

	private final boolean genAi;

	private final int flattenedAttributeBudget;

	private final LlmCallRecorder llmCalls;

	/**
	 * Creates a writer.
	 * @param capture turns values into attribute text
	 * @param documentCapture turns document contents into attribute text (with the
	 * per-document limit)
	 * @param documents turns retriever results into documents
	 * @param conventions the conventions to write
	 * @param maxAttributesPerSpan the tracer's attribute count limit, which flattened
	 * documents are budgeted within
	 * @param llmCalls records usage and cost of model calls
	 */
	public LlmSpanWriter(ContentCapture capture, ContentCapture documentCapture, DocumentExtractor documents,
			Set<Convention> conventions, int maxAttributesPerSpan, LlmCallRecorder llmCalls) {
		this.capture = capture;
		this.documentCapture = documentCapture;
		this.documents = documents;
		this.conventions = Set.copyOf(conventions);
		this.openInference = conventions.contains(Convention.OPENINFERENCE);
		this.genAi = conventions.contains(Convention.GEN_AI);
		this.flattenedAttributeBudget = Math.max(0, maxAttributesPerSpan - RESERVED_ATTRIBUTES);
		this.llmCalls = llmCalls;
	}

	int maxCaptureLength() {
		return this.capture.options().maxLength();
	}

	/**
	 * The content capture in use.
	 * @return the capture
	 */
	public ContentCapture capture() {
		return this.capture;
	}

	/**
	 * The conventions written.
	 * @return the conventions
	 */
	public Set<Convention> conventions() {
		return this.conventions;
	}

	/**
	 * Whether OpenInference keys are written.
	 * @return {@code true} when the OpenInference convention is on
	 */
	public boolean openInference() {
		return this.openInference;
	}

	/**
	 * Whether OpenTelemetry GenAI keys are written.
	 * @return {@code true} when the GenAI convention is on
	 */
	public boolean genAi() {
		return this.genAi;
	}

	/**
	 * How many flattened attributes (messages, documents) one span may take.
	 * @return the budget
	 */
	public int flattenedAttributeBudget() {
		return this.flattenedAttributeBudget;
	}

	/**
	 * Writes the prompt template in use on an LLM span.
	 * @param span the LLM span
	 * @param prompt the template
	 * @param captureInputs whether the template text and variables are recorded
	 */
	public void writePrompt(Span span, PromptTemplateInfo prompt, boolean captureInputs) {
		try {
			PromptAttributes.write(span, prompt, this.capture, captureInputs);
		}
		catch (Throwable ex) {
			RecordingFailures.record("a prompt template", ex);
		}
	}

	/**
	 * Writes retrieved documents as a retriever span's output, as {@code @Retriever}
	 * does.
	 * @param span the retriever span
	 * @param documents the documents
	 * @param traceState the chain root's accumulator, or {@code null}
	 */
	public void writeRetrievedDocuments(Span span, Object documents, TraceState traceState) {
		try {
			writeDocuments(span, documents, traceState, true);
		}
		catch (Throwable ex) {
			RecordingFailures.record("retrieved documents", ex);
		}
	}

	void writeInput(Span span, SpanDescriptor descriptor, Object[] arguments) {
		try {
			if (descriptor.kind() == LlmSpanKind.RETRIEVER && descriptor.queryIndex() >= 0
					&& descriptor.queryIndex() < arguments.length) {
				writeRetrievalQuery(span, descriptor, arguments[descriptor.queryIndex()]);
				return;
			}
			if (!descriptor.captureInput() || !this.openInference || descriptor.parameterIndexes().length == 0) {
				return;
			}
			int[] indexes = descriptor.parameterIndexes();
			CapturedContent input;
			if (indexes.length == 1) {
				input = this.capture.capture(arguments[indexes[0]]);
			}
			else {
				Object[] values = new Object[indexes.length];
				for (int i = 0; i < indexes.length; i++) {
					values[i] = arguments[indexes[i]];
				}
				input = this.capture.captureNamed(descriptor.parameterNames(), values);
			}
			if (input != null) {
				span.setAttribute(LlmObsAttributes.INPUT_VALUE, input.text());
				span.setAttribute(LlmObsAttributes.INPUT_MIME_TYPE, input.mimeType());
				if (descriptor.kind() == LlmSpanKind.LLM && indexes.length == 1
						&& arguments[indexes[0]] instanceof CharSequence
						&& input.mimeType().equals(CapturedContent.TEXT)) {
					span.setAttribute(LlmObsAttributes.inputMessage(0, "role"), "user");
					span.setAttribute(LlmObsAttributes.inputMessage(0, "content"), input.text());
				}
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("the input of " + descriptor.spanName(), ex);
		}
	}

	private void writeRetrievalQuery(Span span, SpanDescriptor descriptor, Object query) {
		if (!descriptor.captureInput()) {
			return;
		}
		CapturedContent input = this.capture.capture(query);
		if (input == null) {
			return;
		}
		if (this.openInference) {
			span.setAttribute(LlmObsAttributes.INPUT_VALUE, input.text());
			span.setAttribute(LlmObsAttributes.INPUT_MIME_TYPE, input.mimeType());
		}
		if (this.genAi) {
			span.setAttribute(LlmObsAttributes.GEN_AI_RETRIEVAL_QUERY_TEXT, input.text());
		}
	}

	void writeOutput(Span span, SpanDescriptor descriptor, Object value, TraceState traceState, NestedModelCalls nested,
			PromptTemplateInfo prompt) {
		try {
			if (!span.isRecording()) {
				return;
			}
			if (descriptor.kind() == LlmSpanKind.LLM && this.llmCalls != null
					&& writeModelResponse(span, descriptor, value, traceState, nested, prompt)) {
				return;
			}
			if (descriptor.kind() == LlmSpanKind.RETRIEVER) {
				writeDocuments(span, value, traceState, descriptor.captureOutput());
				return;
			}
			if (!descriptor.captureOutput()) {
				return;
			}
			if (this.openInference) {
				writeCapturedOutput(span, this.capture.capture(value));
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("the output of " + descriptor.spanName(), ex);
		}
	}

	private boolean writeModelResponse(Span span, SpanDescriptor descriptor, Object value, TraceState traceState,
			NestedModelCalls nested, PromptTemplateInfo prompt) {
		LlmUsage usage = this.llmCalls.extract(value);
		if (usage == null) {
			return false;
		}
		if (nested == null || !nested.any()) {
			// A nested instrumented call (Spring AI's ChatModel) already carries this
			// usage.
			SpanIdentity identity = descriptor.identity();
			this.llmCalls.record(span, identity.provider(), identity.model(), usage, traceState, this.openInference,
					this.genAi, prompt);
		}
		if (descriptor.captureOutput() && this.openInference) {
			String text = (usage.outputText() != null) ? this.capture.captureText(usage.outputText()) : null;
			CapturedContent output = (text != null) ? new CapturedContent(text, CapturedContent.TEXT, false)
					: this.capture.capture(value);
			writeCapturedOutput(span, output);
			if (text != null) {
				span.setAttribute(LlmObsAttributes.outputMessage(0, "role"), "assistant");
				span.setAttribute(LlmObsAttributes.outputMessage(0, "content"), text);
			}
		}
		return true;
	}

	private void writeDocuments(Span span, Object value, TraceState traceState, boolean capture) {
		DocumentExtractor.Extraction extraction = this.documents.extract(value);
		if (traceState != null) {
			traceState.addDocuments(extraction.documents().stream().map(RetrievedDocument::content).toList());
		}
		if (!capture) {
			return;
		}
		AttributesBuilder builder = Attributes.builder();
		int written = DocumentAttributes.write(extraction.documents(), builder, this::captureDocumentContent,
				this.documentCapture::redact, this.flattenedAttributeBudget);
		if (this.openInference) {
			span.setAllAttributes(builder.build());
		}
		long dropped = (long) extraction.dropped() + (extraction.documents().size() - written);
		if (dropped > 0) {
			span.setAttribute(LlmObsAttributes.LLMOBS_DOCUMENTS_DROPPED, dropped);
		}
	}

	private String captureDocumentContent(String content) {
		return this.documentCapture.captureText(content);
	}

	void writeCapturedOutput(Span span, CapturedContent output) {
		if (output != null && this.openInference) {
			span.setAttribute(LlmObsAttributes.OUTPUT_VALUE, output.text());
			span.setAttribute(LlmObsAttributes.OUTPUT_MIME_TYPE, output.mimeType());
		}
	}

	void writeFirstElement(Span span, SpanDescriptor descriptor, double seconds) {
		span.setAttribute(LlmObsAttributes.LLMOBS_TIME_TO_FIRST_ELEMENT, seconds);
		if (descriptor.kind() == LlmSpanKind.LLM && this.genAi) {
			span.setAttribute(LlmObsAttributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, seconds);
		}
		span.addEvent("llmobs.first_element");
	}

	void writeError(Span span, Throwable error) {
		try {
			span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
			span.setAttribute(LlmObsAttributes.ERROR_TYPE, error.getClass().getName());
			span.recordException(error);
		}
		catch (Throwable ex) {
			RecordingFailures.record("an error", ex);
		}
	}

	void writeCancelled(Span span, CapturedContent partialOutput) {
		try {
			span.setAttribute(LlmObsAttributes.LLMOBS_CANCELLED, true);
			span.addEvent("llmobs.cancelled");
			writeCapturedOutput(span, partialOutput);
		}
		catch (Throwable ex) {
			RecordingFailures.record("a cancellation", ex);
		}
	}

}
