package dev.llmobs.trace;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

import dev.llmobs.capture.CaptureMemo;
import dev.llmobs.capture.CapturedContent;
import dev.llmobs.capture.ContentCapture;
import dev.llmobs.context.ChainAccumulator;
import dev.llmobs.context.NestedModelCalls;
import dev.llmobs.failure.RecordingFailures;
import dev.llmobs.llm.LlmUsage;
import dev.llmobs.prompt.PromptTemplateInfo;
import dev.llmobs.trace.convention.LlmSpanConvention;
import dev.llmobs.trace.convention.LlmSpanConventions;
import dev.llmobs.trace.document.DocumentExtractor;
import dev.llmobs.trace.document.RetrievedDocument;

/**
 * Writes the per-call attributes of a span (input, output, documents, errors) in every
 * active convention. Every method is failure-proof: a recording problem is counted and
 * logged, never thrown into the application.
 */
public final class LlmSpanWriter {

	/** Attributes kept free for ids, kinds, usage and session stamping. */
	private static final int RESERVED_ATTRIBUTES = 40;

	private final ContentCapture capture;

	private final ContentCapture documentCapture;

	private final DocumentExtractor documents;

	private final LlmSpanConventions conventions;

	/** The conventions as an array: iterated on every span, without an iterator. */
	private final LlmSpanConvention[] active;

	/** The kinds whose input and output some active convention writes. */
	private final Set<LlmSpanKind> contentKinds;

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
			LlmSpanConventions conventions, int maxAttributesPerSpan, LlmCallRecorder llmCalls) {
		this.capture = capture;
		this.documentCapture = documentCapture;
		this.documents = documents;
		this.conventions = conventions;
		this.active = conventions.all().toArray(LlmSpanConvention[]::new);
		this.contentKinds = EnumSet.noneOf(LlmSpanKind.class);
		for (LlmSpanKind kind : LlmSpanKind.values()) {
			for (LlmSpanConvention convention : this.active) {
				if (convention.writesContent(kind)) {
					this.contentKinds.add(kind);
				}
			}
		}
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
	public LlmSpanConventions conventions() {
		return this.conventions;
	}

	/**
	 * Whether some active convention writes the captured input or output of spans of a
	 * kind; when none does, content is not captured.
	 * @param kind the span kind
	 * @return {@code true} when content of that kind is written
	 */
	public boolean writesContent(LlmSpanKind kind) {
		return this.contentKinds.contains(kind);
	}

	/**
	 * How many flattened attributes (messages, documents) one span may take.
	 * @return the budget
	 */
	public int flattenedAttributeBudget() {
		return this.flattenedAttributeBudget;
	}

	/**
	 * Writes the prompt template in use on an LLM span: its hash always; its id and
	 * version, and, subject to the capture settings, redaction and limits, the template
	 * text and the variables as JSON, in each convention.
	 * @param span the LLM span
	 * @param prompt the template
	 * @param captureInputs whether the template text and variables are recorded
	 */
	public void writePrompt(Span span, PromptTemplateInfo prompt, boolean captureInputs) {
		try {
			if (prompt == null || !span.isRecording()) {
				return;
			}
			if (prompt.hash() != null) {
				span.setAttribute(LlmObsAttributes.LLMOBS_PROMPT_HASH, prompt.hash());
			}
			String template = null;
			String variables = null;
			if (captureInputs && !prompt.template().isEmpty()) {
				template = this.capture.captureRecurringText(prompt.template());
			}
			if (captureInputs && !prompt.variables().isEmpty()) {
				CapturedContent captured = this.capture.capture(prompt.variables());
				variables = (captured != null) ? captured.text() : null;
			}
			for (LlmSpanConvention convention : this.active) {
				convention.promptTemplate(span, prompt, template, variables);
			}
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
	public void writeRetrievedDocuments(Span span, Object documents, ChainAccumulator traceState) {
		try {
			writeDocuments(span, documents, traceState, true);
		}
		catch (Throwable ex) {
			RecordingFailures.record("retrieved documents", ex);
		}
	}

	/**
	 * Writes a retriever's query in every convention.
	 * @param span the retriever span
	 * @param query the captured query, or {@code null}
	 */
	public void writeRetrievalQuery(Span span, CapturedContent query) {
		if (query == null) {
			return;
		}
		for (LlmSpanConvention convention : this.active) {
			convention.retrievalQuery(span, query);
		}
	}

	void writeInput(Span span, SpanDescriptor descriptor, Object[] arguments, ChainAccumulator traceState) {
		try {
			CaptureMemo memo = capturesOf(traceState);
			if (descriptor.kind() == LlmSpanKind.RETRIEVER && descriptor.queryIndex() >= 0
					&& descriptor.queryIndex() < arguments.length) {
				if (descriptor.captureInput()) {
					writeRetrievalQuery(span, this.capture.capture(arguments[descriptor.queryIndex()], memo));
				}
				return;
			}
			if (!descriptor.captureInput() || !this.contentKinds.contains(descriptor.kind())
					|| descriptor.parameterIndexes().length == 0) {
				return;
			}
			int[] indexes = descriptor.parameterIndexes();
			CapturedContent input;
			if (indexes.length == 1) {
				input = this.capture.capture(arguments[indexes[0]], memo);
			}
			else {
				Object[] values = new Object[indexes.length];
				for (int i = 0; i < indexes.length; i++) {
					values[i] = arguments[indexes[i]];
				}
				input = this.capture.captureNamed(descriptor.parameterNames(), values, memo);
			}
			if (input != null) {
				boolean textPrompt = indexes.length == 1 && arguments[indexes[0]] instanceof CharSequence
						&& input.mimeType().equals(CapturedContent.TEXT);
				for (LlmSpanConvention convention : this.active) {
					convention.input(span, descriptor.kind(), input, textPrompt);
				}
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("the input of " + descriptor.spanName(), ex);
		}
	}

	void writeOutput(Span span, SpanDescriptor descriptor, Object value, ChainAccumulator traceState,
			NestedModelCalls nested, PromptTemplateInfo prompt) {
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
			if (!descriptor.captureOutput() || !this.contentKinds.contains(descriptor.kind())) {
				return;
			}
			writeCapturedOutput(span, descriptor.kind(), this.capture.capture(value, capturesOf(traceState)));
		}
		catch (Throwable ex) {
			RecordingFailures.record("the output of " + descriptor.spanName(), ex);
		}
	}

	private boolean writeModelResponse(Span span, SpanDescriptor descriptor, Object value, ChainAccumulator traceState,
			NestedModelCalls nested, PromptTemplateInfo prompt) {
		LlmUsage usage = this.llmCalls.extract(value);
		if (usage == null) {
			return false;
		}
		if (nested == null || !nested.any()) {
			// A nested instrumented call (Spring AI's ChatModel) already carries this
			// usage.
			SpanIdentity identity = descriptor.identity();
			this.llmCalls.record(span, identity.provider(), identity.model(), usage, traceState, prompt);
		}
		if (descriptor.captureOutput() && this.contentKinds.contains(LlmSpanKind.LLM)) {
			CaptureMemo memo = capturesOf(traceState);
			String text = (usage.outputText() != null) ? this.capture.captureText(usage.outputText(), memo) : null;
			CapturedContent output = (text != null) ? new CapturedContent(text, CapturedContent.TEXT, false)
					: this.capture.capture(value, memo);
			for (LlmSpanConvention convention : this.active) {
				convention.modelOutput(span, output, text, usage.finishReasons());
			}
		}
		return true;
	}

	private void writeDocuments(Span span, Object value, ChainAccumulator traceState, boolean capture) {
		DocumentExtractor.Extraction extraction = this.documents.extract(value);
		if (traceState != null) {
			List<String> contents = new ArrayList<>(extraction.documents().size());
			for (RetrievedDocument document : extraction.documents()) {
				contents.add(document.content());
			}
			traceState.addDocuments(contents);
		}
		if (!capture) {
			return;
		}
		int written = -1;
		for (LlmSpanConvention convention : this.active) {
			int count = convention.documents(span, extraction.documents(), this::captureDocumentContent,
					this.documentCapture::redact, this.flattenedAttributeBudget);
			if (count >= 0) {
				written = (written < 0) ? count : Math.min(written, count);
			}
		}
		if (written < 0) {
			// No convention writes documents: none was left out for the budget.
			written = extraction.documents().size();
		}
		long dropped = (long) extraction.dropped() + (extraction.documents().size() - written);
		if (dropped > 0) {
			span.setAttribute(LlmObsAttributes.LLMOBS_DOCUMENTS_DROPPED, dropped);
		}
	}

	private static CaptureMemo capturesOf(ChainAccumulator traceState) {
		return (traceState != null) ? traceState.captures() : null;
	}

	private String captureDocumentContent(String content) {
		return this.documentCapture.captureRecurringText(content);
	}

	/**
	 * Writes an input already captured (a framework span's arguments or user message) in
	 * every convention.
	 * @param span the span
	 * @param kind the span kind
	 * @param input the input, or {@code null}
	 */
	public void writeCapturedInput(Span span, LlmSpanKind kind, CapturedContent input) {
		if (input == null) {
			return;
		}
		for (LlmSpanConvention convention : this.active) {
			convention.input(span, kind, input, false);
		}
	}

	/**
	 * Writes an output already captured (a collected stream, a cancelled stream's partial
	 * output) in every convention.
	 * @param span the span
	 * @param kind the span kind
	 * @param output the output, or {@code null}
	 */
	public void writeCapturedOutput(Span span, LlmSpanKind kind, CapturedContent output) {
		if (output == null) {
			return;
		}
		for (LlmSpanConvention convention : this.active) {
			convention.output(span, kind, output);
		}
	}

	void writeFirstElement(Span span, SpanDescriptor descriptor, double seconds) {
		span.setAttribute(LlmObsAttributes.LLMOBS_TIME_TO_FIRST_ELEMENT, seconds);
		for (LlmSpanConvention convention : this.active) {
			convention.firstChunk(span, descriptor.kind(), seconds);
		}
		span.addEvent("llmobs.first_element");
	}

	/**
	 * Marks a span failed in every convention: status {@code ERROR}, {@code error.type}
	 * and the exception event.
	 * @param span the span
	 * @param error the failure
	 */
	public void writeError(Span span, Throwable error) {
		try {
			span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
			span.setAttribute(LlmObsAttributes.ERROR_TYPE, error.getClass().getName());
			span.recordException(error);
			for (LlmSpanConvention convention : this.active) {
				convention.error(span, error);
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("an error", ex);
		}
	}

	void writeCancelled(Span span, LlmSpanKind kind, CapturedContent partialOutput) {
		try {
			span.setAttribute(LlmObsAttributes.LLMOBS_CANCELLED, true);
			span.addEvent("llmobs.cancelled");
			writeCapturedOutput(span, kind, partialOutput);
		}
		catch (Throwable ex) {
			RecordingFailures.record("a cancellation", ex);
		}
	}

}
