package dev.llmobs.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;

/**
 * Configuration of LLM observability, bound from {@code llmobs.*}.
 */
@ConfigurationProperties("llmobs")
public class LlmObsProperties {

	/**
	 * Whether LLM observability is on. When off, no proxies, span processors or filters
	 * are registered at all.
	 */
	private boolean enabled = true;

	/**
	 * Attribute conventions to write: 'openinference' (Arize Phoenix, Middleware,
	 * Langfuse) and 'gen-ai' (OpenTelemetry GenAI semantic conventions).
	 */
	private List<String> conventions = new ArrayList<>(List.of("openinference", "gen-ai"));

	/**
	 * Order of the tracing advisor among other advisors. The default is outermost, so a
	 * span includes retries and transactions around the method.
	 */
	private int order = Ordered.HIGHEST_PRECEDENCE;

	private final Capture capture = new Capture();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getConventions() {
		return this.conventions;
	}

	public void setConventions(List<String> conventions) {
		this.conventions = conventions;
	}

	public int getOrder() {
		return this.order;
	}

	public void setOrder(int order) {
		this.order = order;
	}

	public Capture getCapture() {
		return this.capture;
	}

	/**
	 * What content is recorded on spans.
	 */
	public static class Capture {

		/**
		 * Whether method arguments are recorded as 'input.value'. The environment
		 * variable OPENINFERENCE_HIDE_INPUTS=true turns this off.
		 */
		private boolean inputs = true;

		/**
		 * Whether return values are recorded as 'output.value'. The environment variable
		 * OPENINFERENCE_HIDE_OUTPUTS=true turns this off.
		 */
		private boolean outputs = true;

		/**
		 * How content is recorded: 'full' (redacted and truncated text), 'hash'
		 * ('sha256:' and the hex digest, no text) or 'none'.
		 */
		private String mode = "full";

		/**
		 * Maximum length in characters of one captured value; longer content is cut while
		 * it is written and ends with '…[truncated N chars]'.
		 */
		private int maxLength = 4000;

		/**
		 * Built-in detectors whose matches are replaced by '[REDACTED:kind]' before
		 * truncation: secrets, credit-cards, emails, phones, ip-addresses.
		 */
		private List<String> redact = new ArrayList<>(List.of("secrets", "credit-cards"));

		/**
		 * Additional regular expressions whose matches are redacted.
		 */
		private List<String> redactPatterns = new ArrayList<>();

		/**
		 * Maximum number of documents recorded for one retriever span; the rest are
		 * counted in 'llmobs.retrieval.documents_dropped'.
		 */
		private int maxDocuments = 20;

		/**
		 * Maximum length in characters of the content of one retrieved document.
		 */
		private int maxDocumentLength = 2000;

		public boolean isInputs() {
			return this.inputs;
		}

		public void setInputs(boolean inputs) {
			this.inputs = inputs;
		}

		public boolean isOutputs() {
			return this.outputs;
		}

		public void setOutputs(boolean outputs) {
			this.outputs = outputs;
		}

		public String getMode() {
			return this.mode;
		}

		public void setMode(String mode) {
			this.mode = mode;
		}

		public int getMaxLength() {
			return this.maxLength;
		}

		public void setMaxLength(int maxLength) {
			this.maxLength = maxLength;
		}

		public List<String> getRedact() {
			return this.redact;
		}

		public void setRedact(List<String> redact) {
			this.redact = redact;
		}

		public List<String> getRedactPatterns() {
			return this.redactPatterns;
		}

		public void setRedactPatterns(List<String> redactPatterns) {
			this.redactPatterns = redactPatterns;
		}

		public int getMaxDocuments() {
			return this.maxDocuments;
		}

		public void setMaxDocuments(int maxDocuments) {
			this.maxDocuments = maxDocuments;
		}

		public int getMaxDocumentLength() {
			return this.maxDocumentLength;
		}

		public void setMaxDocumentLength(int maxDocumentLength) {
			this.maxDocumentLength = maxDocumentLength;
		}

	}

}
