package dev.llmobs.trace.convention;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;

import dev.llmobs.capture.CapturedContent;
import dev.llmobs.llm.LlmCost;
import dev.llmobs.llm.LlmUsage;
import dev.llmobs.prompt.PromptTemplateInfo;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.SpanIdentity;
import dev.llmobs.trace.document.RetrievedDocument;

/**
 * How an LLM span is written in one attribute convention. Every writer (annotation spans,
 * model calls, the Spring AI enrichers, documents, evaluations) calls each active
 * convention in turn with what it learned; a convention writes the keys it defines and
 * ignores the rest. Every method has a default that writes nothing, so a convention
 * implements only the groups it knows.
 * <p>
 * Content arrives already captured (redacted, truncated or hashed as configured); a
 * convention never sees raw arguments. Implementations must be thread-safe and must not
 * throw: the writers catch and count failures, but a convention that throws leaves the
 * conventions after it unwritten for that call.
 * <p>
 * The built-in conventions are {@link OpenInferenceConvention}, {@link GenAiConvention}
 * and {@link GenAiLatestConvention}; each has one overridable method per key group, so a
 * subclass declared as a bean changes one key and keeps the rest.
 */
public interface LlmSpanConvention {

	/**
	 * The convention's name. A bean whose name is one of the built-in names
	 * ({@code openinference}, {@code gen-ai}, {@code gen-ai-latest}) replaces that
	 * built-in convention when it is selected; any other name adds a convention.
	 * @return the name
	 */
	String name();

	/**
	 * Whether this convention writes the captured input or output of spans of a kind
	 * (beyond a retriever's query and documents). When no active convention does, content
	 * is not captured at all.
	 * @param kind the span kind
	 * @return {@code true} when {@link #input} or {@link #output} write something for the
	 * kind
	 */
	default boolean writesContent(LlmSpanKind kind) {
		return false;
	}

	/**
	 * Writes the attributes fixed for every call of one method (computed once per
	 * method): the span kind, operation, names and the identity from the annotation.
	 * @param attributes receives the attributes
	 * @param kind the span kind
	 * @param name the span name (the annotation's name or {@code Class.method}); empty
	 * for framework spans
	 * @param identity provider, model, operation and description from the annotation
	 */
	default void staticAttributes(AttributesBuilder attributes, LlmSpanKind kind, String name, SpanIdentity identity) {
	}

	/**
	 * Writes the model provider of a framework span (Spring AI), known by the names each
	 * convention uses.
	 * @param span the span
	 * @param kind the span kind
	 * @param provider the provider's names
	 */
	default void provider(Span span, LlmSpanKind kind, ModelProvider provider) {
	}

	/**
	 * Writes a span's captured input.
	 * @param span the span
	 * @param kind the span kind
	 * @param input the captured input
	 * @param textPrompt whether the input is a single text argument (on a model call, the
	 * user's prompt)
	 */
	default void input(Span span, LlmSpanKind kind, CapturedContent input, boolean textPrompt) {
	}

	/**
	 * Writes a retriever's query.
	 * @param span the retriever span
	 * @param query the captured query
	 */
	default void retrievalQuery(Span span, CapturedContent query) {
	}

	/**
	 * Writes a span's captured output (also the partial output of a cancelled stream).
	 * @param span the span
	 * @param kind the span kind
	 * @param output the captured output
	 */
	default void output(Span span, LlmSpanKind kind, CapturedContent output) {
	}

	/**
	 * Writes the output of a model call whose response was understood.
	 * @param span the LLM span
	 * @param output the captured output (the generated text when known, else the
	 * response)
	 * @param text the captured generated text, or {@code null} when unknown
	 * @param finishReasons why generation stopped, per choice, possibly empty
	 */
	default void modelOutput(Span span, CapturedContent output, String text, List<String> finishReasons) {
	}

	/**
	 * Writes the messages sent to a model (content already captured and fitted to the
	 * attribute budget).
	 * @param span the LLM span
	 * @param messages the messages, oldest first
	 */
	default void inputMessages(Span span, List<LlmMessage> messages) {
	}

	/**
	 * Writes the messages a model answered with.
	 * @param span the LLM span
	 * @param messages the messages, one per choice
	 */
	default void outputMessages(Span span, List<LlmMessage> messages) {
	}

	/**
	 * Writes the request's invocation parameters (model, temperature, ...).
	 * @param span the LLM span
	 * @param parameters the parameters that were set, in a stable order
	 */
	default void invocationParameters(Span span, Map<String, Object> parameters) {
	}

	/**
	 * Writes the texts sent to an embedding model (already captured).
	 * @param span the embedding span
	 * @param texts the texts, within the attribute budget
	 */
	default void embeddingInputs(Span span, List<String> texts) {
	}

	/**
	 * Writes retrieved documents.
	 * @param span the retriever span
	 * @param documents the documents
	 * @param content captures a document's content
	 * @param metadata redacts a document's metadata, serialized as JSON
	 * @param attributeBudget the maximum number of attributes the documents may take
	 * @return the number of documents written completely, or {@code -1} when this
	 * convention writes no documents
	 */
	default int documents(Span span, List<RetrievedDocument> documents, UnaryOperator<String> content,
			UnaryOperator<String> metadata, int attributeBudget) {
		return -1;
	}

	/**
	 * Writes what a model response reports: token counts, response model, finish reasons.
	 * @param span the LLM or embedding span
	 * @param usage the usage
	 */
	default void usage(Span span, LlmUsage usage) {
	}

	/**
	 * Writes the priced cost of a model call.
	 * @param span the LLM or embedding span
	 * @param cost the cost in USD
	 */
	default void cost(Span span, LlmCost cost) {
	}

	/**
	 * Writes the prompt template in use on a model call.
	 * @param span the LLM span
	 * @param prompt the template
	 * @param template the captured template text, or {@code null} when not recorded
	 * @param variables the captured variables as JSON, or {@code null} when not recorded
	 */
	default void promptTemplate(Span span, PromptTemplateInfo prompt, String template, String variables) {
	}

	/**
	 * Writes the time to the first element of a streamed result.
	 * @param span the span
	 * @param kind the span kind
	 * @param seconds seconds from the call to the first element
	 */
	default void firstChunk(Span span, LlmSpanKind kind, double seconds) {
	}

	/**
	 * Writes one evaluation result on the span it judges (or on the {@code EVALUATOR}
	 * span that stands in for it).
	 * @param span the span
	 * @param index the result's zero-based index among the span's evaluations
	 * @param evaluation the result
	 */
	default void evaluation(Span span, int index, EvaluationOutcome evaluation) {
	}

	/**
	 * Writes the overall verdict of a span's evaluations.
	 * @param span the span
	 * @param verdict {@code pass} or {@code fail}
	 */
	default void evaluationVerdict(Span span, String verdict) {
	}

	/**
	 * Writes a failure. The span's status, its exception event and {@code error.type} are
	 * written by the writer for every convention.
	 * @param span the span
	 * @param error the failure
	 */
	default void error(Span span, Throwable error) {
	}

	/**
	 * Writes what is known of one tool execution a framework ran for a model's tool call
	 * (Spring AI): the call id, the parameters' JSON schema and whether the result goes
	 * straight back to the caller. The tool's name and description are static attributes
	 * ({@link #staticAttributes}); arguments and result are its input and output.
	 * @param span the tool span
	 * @param execution the tool execution
	 */
	default void toolExecution(Span span, ToolExecution execution) {
	}

	/**
	 * Writes the conversation a framework keeps for a turn (Spring AI's chat memory
	 * conversation id) when no session was set by a header or a scope.
	 * @param span the turn's span
	 * @param conversationId the conversation id
	 */
	default void conversation(Span span, String conversationId) {
	}

	/**
	 * Keys a framework (Spring AI) records as strings that this convention writes with
	 * their proper types, so the framework's copies are dropped.
	 * @return the keys
	 */
	default Set<String> retypedKeys() {
		return Set.of();
	}

}
