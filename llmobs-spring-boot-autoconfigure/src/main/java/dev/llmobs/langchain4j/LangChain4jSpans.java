package dev.llmobs.langchain4j;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.opentelemetry.context.Context;

import dev.llmobs.trace.LlmCallRecorder;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.LlmSpanTracer;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.SpanCompletion;
import dev.llmobs.trace.SpanDescriptor;
import dev.llmobs.trace.SpanIdentity;
import dev.llmobs.trace.convention.ModelProvider;

/**
 * What every LangChain4j instrumentation shares: the span tracer (conventions, capture,
 * redaction, limits), the model-call recorder (usage, cost, metrics), the capture
 * switches, and span descriptors cached per name.
 */
public final class LangChain4jSpans {

	private static final Object[] NO_ARGUMENTS = new Object[0];

	private static final String[] ONE_INPUT = { "input" };

	private final LlmSpanTracer tracer;

	private final LlmCallRecorder recorder;

	private final boolean captureInputs;

	private final boolean captureOutputs;

	private final Map<DescriptorKey, SpanDescriptor> descriptors = new ConcurrentHashMap<>();

	/**
	 * The AGENT context the next model call on this thread belongs under, when a streamed
	 * AI Service answer calls the model again from a thread where nothing is current.
	 */
	private final ThreadLocal<Context> nextModelCallParent = new ThreadLocal<>();

	/**
	 * Creates the shared parts.
	 * @param tracer starts spans and writes them in every convention
	 * @param recorder records usage and cost of model calls
	 * @param captureInputs whether inputs are recorded
	 * @param captureOutputs whether outputs are recorded
	 */
	public LangChain4jSpans(LlmSpanTracer tracer, LlmCallRecorder recorder, boolean captureInputs,
			boolean captureOutputs) {
		this.tracer = tracer;
		this.recorder = recorder;
		this.captureInputs = captureInputs;
		this.captureOutputs = captureOutputs;
	}

	LlmSpanTracer tracer() {
		return this.tracer;
	}

	LlmSpanWriter writer() {
		return this.tracer.writer();
	}

	LlmCallRecorder recorder() {
		return this.recorder;
	}

	boolean captureInputs() {
		return this.captureInputs;
	}

	boolean captureOutputs() {
		return this.captureOutputs;
	}

	void parentNextModelCall(Context agent) {
		this.nextModelCallParent.set(agent);
	}

	/**
	 * Takes (and forgets) the context the next model call on this thread belongs under.
	 * @return the context, or {@code null}
	 */
	Context takeModelCallParent() {
		Context parent = this.nextModelCallParent.get();
		if (parent != null) {
			this.nextModelCallParent.remove();
		}
		return parent;
	}

	/**
	 * Starts a span whose one input (the user message, the tool arguments, the query) is
	 * captured by the writer; its output is captured when it succeeds.
	 * @param kind the span kind
	 * @param name the span name
	 * @param identity the provider, model and description
	 * @param input the input, or {@code null}
	 * @return the completion that ends the span
	 */
	SpanCompletion start(LlmSpanKind kind, String name, SpanIdentity identity, Object input) {
		SpanDescriptor descriptor = descriptor(kind, name, identity, input != null, this.captureOutputs);
		return this.tracer.start(descriptor, (input != null) ? new Object[] { input } : NO_ARGUMENTS);
	}

	/**
	 * Starts an LLM span; its messages, usage and output are written by the caller.
	 * @param name the span name
	 * @param identity the provider and model
	 * @return the completion that ends the span
	 */
	SpanCompletion startModelCall(String name, SpanIdentity identity) {
		return this.tracer.start(descriptor(LlmSpanKind.LLM, name, identity, false, false), NO_ARGUMENTS);
	}

	private SpanDescriptor descriptor(LlmSpanKind kind, String name, SpanIdentity identity, boolean withInput,
			boolean captureOutput) {
		DescriptorKey key = new DescriptorKey(kind, name, identity, withInput, captureOutput);
		SpanDescriptor cached = this.descriptors.get(key);
		if (cached != null) {
			return cached;
		}
		return this.descriptors.computeIfAbsent(key, (ignored) -> {
			boolean input = withInput && this.captureInputs;
			int queryIndex = (kind == LlmSpanKind.RETRIEVER && withInput) ? 0 : -1;
			return new SpanDescriptor(kind, name,
					LlmSpanTracer.staticAttributes(kind, name, identity, this.writer().conventions()), input,
					captureOutput, input ? ONE_INPUT : new String[0], input ? new int[] { 0 } : new int[0], queryIndex,
					identity, null, null);
		});
	}

	/**
	 * The names a LangChain4j model provider goes by in each convention.
	 * @param provider LangChain4j's {@code ModelProvider} name, or {@code null}
	 * @return the names
	 */
	static ModelProvider provider(String provider) {
		if (provider == null) {
			return new ModelProvider("", "", "");
		}
		return switch (provider) {
			case "OPEN_AI" -> new ModelProvider("openai", "openai", "openai");
			case "AZURE_OPEN_AI" -> new ModelProvider("azure.ai.openai", "azure", "openai");
			case "ANTHROPIC" -> new ModelProvider("anthropic", "anthropic", "anthropic");
			case "AMAZON_BEDROCK" -> new ModelProvider("aws.bedrock", "aws", "bedrock");
			case "GOOGLE_AI_GEMINI" -> new ModelProvider("gcp.gemini", "google", "vertexai");
			case "GOOGLE_VERTEX_AI_GEMINI", "GOOGLE_VERTEX_AI_ANTHROPIC" ->
				new ModelProvider("gcp.vertex_ai", "google", "vertexai");
			case "MISTRAL_AI" -> new ModelProvider("mistral_ai", "mistralai", "mistralai");
			case "OLLAMA" -> new ModelProvider("ollama", "ollama", "ollama");
			case "OTHER" -> new ModelProvider("", "", "");
			default -> {
				String name = provider.toLowerCase(Locale.ROOT);
				yield new ModelProvider(name, name, name);
			}
		};
	}

	private record DescriptorKey(LlmSpanKind kind, String name, SpanIdentity identity, boolean withInput,
			boolean captureOutput) {
	}

}
