package dev.llmobs.autoconfigure;

/**
 * The backends {@code llmobs.export.backend} has presets for.
 */
public enum ExportBackend {

	/** Any OTLP/HTTP receiver, configured through Boot's properties: no preset. */
	OTLP,

	/** Arize Phoenix: traces only, OpenInference. */
	PHOENIX,

	/** Langfuse: traces only, Basic auth from the project keys. */
	LANGFUSE,

	/** Datadog LLM Observability: traces only, API key and LLM Observability source. */
	DATADOG,

	/** Middleware: traces, logs and metrics, API key. */
	MIDDLEWARE

}
