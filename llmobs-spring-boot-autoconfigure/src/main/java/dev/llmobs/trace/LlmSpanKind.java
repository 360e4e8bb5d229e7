package dev.llmobs.trace;

/**
 * The kinds of span this library opens, with the values each writes for
 * {@code openinference.span.kind}, {@code llmobs.span.kind} and
 * {@code gen_ai.operation.name}.
 */
public enum LlmSpanKind {

	/** A workflow or pipeline. */
	CHAIN("CHAIN", "chain", "invoke_workflow"),

	/** A step inside a chain. */
	TASK("CHAIN", "task", "task"),

	/** A retrieval of documents. */
	RETRIEVER("RETRIEVER", "retriever", "retrieval"),

	/** A model call. */
	LLM("LLM", "llm", "chat"),

	/** A tool the model can call. */
	TOOL("TOOL", "tool", "execute_tool"),

	/** An agent loop. */
	AGENT("AGENT", "agent", "invoke_agent"),

	/** An embedding call. */
	EMBEDDING("EMBEDDING", "embedding", "embeddings"),

	/** An evaluation of another span. */
	EVALUATOR("EVALUATOR", "evaluator", "evaluate"),

	/**
	 * A guardrail that checks or blocks content (Spring AI's safeguard advisor). The
	 * GenAI conventions define no operation for it; {@code guardrail} is written.
	 */
	GUARDRAIL("GUARDRAIL", "guardrail", "guardrail");

	private final String openInferenceKind;

	private final String llmObsKind;

	private final String operationName;

	LlmSpanKind(String openInferenceKind, String llmObsKind, String operationName) {
		this.openInferenceKind = openInferenceKind;
		this.llmObsKind = llmObsKind;
		this.operationName = operationName;
	}

	/**
	 * The {@code openinference.span.kind} value.
	 * @return the OpenInference kind
	 */
	public String openInferenceKind() {
		return this.openInferenceKind;
	}

	/**
	 * The {@code llmobs.span.kind} value, also the metric tag.
	 * @return the lower-case kind
	 */
	public String llmObsKind() {
		return this.llmObsKind;
	}

	/**
	 * The default {@code gen_ai.operation.name}.
	 * @return the operation name
	 */
	public String operationName() {
		return this.operationName;
	}

}
