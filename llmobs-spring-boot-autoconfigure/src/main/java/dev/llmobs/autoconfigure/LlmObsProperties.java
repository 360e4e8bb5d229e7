package dev.llmobs.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;

import dev.llmobs.capture.CaptureMode;
import dev.llmobs.capture.RedactionKind;
import dev.llmobs.eval.EvaluatorDefinition;
import dev.llmobs.eval.EvaluatorType;
import dev.llmobs.trace.Convention;

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
	 * Langfuse), 'gen-ai' (OpenTelemetry GenAI semantic conventions) and 'gen-ai-latest'
	 * (the newest published GenAI conventions, written instead of 'gen-ai'; also turned
	 * on by OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental).
	 */
	private Set<Convention> conventions = EnumSet.copyOf(Convention.DEFAULTS);

	/**
	 * Order of the tracing advisor among other advisors. The default is outermost, so a
	 * span includes retries and transactions around the method.
	 */
	private int order = Ordered.HIGHEST_PRECEDENCE;

	private final Capture capture = new Capture();

	private final Web web = new Web();

	private final RecentTraces recentTraces = new RecentTraces();

	private final Console console = new Console();

	private final SpringAi springAi = new SpringAi();

	private final Mcp mcp = new Mcp();

	private final LangChain4j langchain4j = new LangChain4j();

	private final Metrics metrics = new Metrics();

	private final Sampling sampling = new Sampling();

	private final Health health = new Health();

	private final Pricing pricing = new Pricing();

	private final Evaluation evaluation = new Evaluation();

	private final Viewer viewer = new Viewer();

	private final Export export = new Export();

	private final Feedback feedback = new Feedback();

	private final Context context = new Context();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Set<Convention> getConventions() {
		return this.conventions;
	}

	public void setConventions(Set<Convention> conventions) {
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

	public Web getWeb() {
		return this.web;
	}

	public RecentTraces getRecentTraces() {
		return this.recentTraces;
	}

	public Console getConsole() {
		return this.console;
	}

	public Sampling getSampling() {
		return this.sampling;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public SpringAi getSpringAi() {
		return this.springAi;
	}

	public Mcp getMcp() {
		return this.mcp;
	}

	public LangChain4j getLangchain4j() {
		return this.langchain4j;
	}

	public Health getHealth() {
		return this.health;
	}

	public Pricing getPricing() {
		return this.pricing;
	}

	public Evaluation getEvaluation() {
		return this.evaluation;
	}

	public Context getContext() {
		return this.context;
	}

	public Viewer getViewer() {
		return this.viewer;
	}

	public Export getExport() {
		return this.export;
	}

	public Feedback getFeedback() {
		return this.feedback;
	}

	/**
	 * Users' feedback on answers.
	 */
	public static class Feedback {

		/**
		 * Whether the HTTP feedback endpoint is served (LlmObs.feedback works either
		 * way).
		 */
		private boolean enabled = false;

		/**
		 * Path of the feedback endpoint (POST, JSON).
		 */
		private String path = "/llmobs/feedback";

		/**
		 * Longer comments are refused (413).
		 */
		private int maxCommentLength = 2000;

		/**
		 * Larger request bodies are refused (413) without being read whole.
		 */
		private int maxBodyBytes = 8192;

		/**
		 * Distinct feedback names accepted; bounds metric tags and memory.
		 */
		private int maxNames = 20;

		/**
		 * Feedback accepted per second; beyond, refused with 429.
		 */
		private int maxPerSecond = 50;

		/**
		 * Whether feedback on a trace id this application has not served recently is
		 * refused (404). Turn off behind a load balancer without sticky sessions.
		 */
		private boolean requireKnownTrace = true;

		/**
		 * Trace ids remembered for feedback (with their root span ids).
		 */
		private int maxKnownTraces = 10_000;

		/**
		 * A numeric value at or above it passes.
		 */
		private double passThreshold = 0.5;

		/**
		 * Labels that count as a failed answer (case-insensitive); other labels pass.
		 */
		private List<String> negativeLabels = new ArrayList<>(
				List.of("negative", "bad", "thumbs-down", "down", "incorrect", "unhelpful"));

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public int getMaxCommentLength() {
			return this.maxCommentLength;
		}

		public void setMaxCommentLength(int maxCommentLength) {
			this.maxCommentLength = maxCommentLength;
		}

		public int getMaxBodyBytes() {
			return this.maxBodyBytes;
		}

		public void setMaxBodyBytes(int maxBodyBytes) {
			this.maxBodyBytes = maxBodyBytes;
		}

		public int getMaxNames() {
			return this.maxNames;
		}

		public void setMaxNames(int maxNames) {
			this.maxNames = maxNames;
		}

		public int getMaxPerSecond() {
			return this.maxPerSecond;
		}

		public void setMaxPerSecond(int maxPerSecond) {
			this.maxPerSecond = maxPerSecond;
		}

		public boolean isRequireKnownTrace() {
			return this.requireKnownTrace;
		}

		public void setRequireKnownTrace(boolean requireKnownTrace) {
			this.requireKnownTrace = requireKnownTrace;
		}

		public int getMaxKnownTraces() {
			return this.maxKnownTraces;
		}

		public void setMaxKnownTraces(int maxKnownTraces) {
			this.maxKnownTraces = maxKnownTraces;
		}

		public double getPassThreshold() {
			return this.passThreshold;
		}

		public void setPassThreshold(double passThreshold) {
			this.passThreshold = passThreshold;
		}

		public List<String> getNegativeLabels() {
			return this.negativeLabels;
		}

		public void setNegativeLabels(List<String> negativeLabels) {
			this.negativeLabels = negativeLabels;
		}

	}

	/**
	 * Where traces go: a backend preset and what it needs.
	 */
	public static class Export {

		/**
		 * The backend traces are sent to: 'otlp' (any OTLP/HTTP receiver, configured
		 * through Boot's management.opentelemetry.* properties or OTEL_* variables),
		 * 'phoenix', 'langfuse', 'datadog' or 'middleware' (presets that fill in the
		 * path, headers and signals each backend expects). Explicit management.* and
		 * OTEL_* settings win over a preset.
		 */
		private ExportBackend backend = ExportBackend.OTLP;

		/**
		 * The backend's base URL, without the '/v1/traces' path. Defaults per preset:
		 * phoenix 'http://localhost:6006', langfuse 'https://cloud.langfuse.com', datadog
		 * 'https://trace.agent.<site>'; middleware needs 'https://<uid>.middleware.io'.
		 * With the 'otlp' backend, traces, logs and metrics go to this base URL as with
		 * OTEL_EXPORTER_OTLP_ENDPOINT.
		 */
		private String endpoint;

		/**
		 * The API key of phoenix ('authorization: Bearer'), datadog ('dd-api-key') or
		 * middleware ('Authorization'). Sent as a header, never logged, masked in
		 * /actuator/llmobs.
		 */
		private String apiKey;

		/**
		 * Whether only traces that contain at least one LLM-observability span (an
		 * annotated method, a Spring AI call) are exported; health checks, static files
		 * and actuator calls then stay out of the backend. Metrics and the recent-trace
		 * store still see everything.
		 */
		private boolean llmTracesOnly = false;

		private final Langfuse langfuse = new Langfuse();

		private final Phoenix phoenix = new Phoenix();

		private final Datadog datadog = new Datadog();

		public ExportBackend getBackend() {
			return this.backend;
		}

		public void setBackend(ExportBackend backend) {
			this.backend = backend;
		}

		public String getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(String endpoint) {
			this.endpoint = endpoint;
		}

		public String getApiKey() {
			return this.apiKey;
		}

		public void setApiKey(String apiKey) {
			this.apiKey = apiKey;
		}

		public boolean isLlmTracesOnly() {
			return this.llmTracesOnly;
		}

		public void setLlmTracesOnly(boolean llmTracesOnly) {
			this.llmTracesOnly = llmTracesOnly;
		}

		public Langfuse getLangfuse() {
			return this.langfuse;
		}

		public Phoenix getPhoenix() {
			return this.phoenix;
		}

		public Datadog getDatadog() {
			return this.datadog;
		}

		/**
		 * Langfuse credentials.
		 */
		public static class Langfuse {

			/**
			 * The project's public key (pk-lf-...), the user name of Basic auth.
			 */
			private String publicKey;

			/**
			 * The project's secret key (sk-lf-...), the password of Basic auth; never
			 * logged.
			 */
			private String secretKey;

			public String getPublicKey() {
				return this.publicKey;
			}

			public void setPublicKey(String publicKey) {
				this.publicKey = publicKey;
			}

			public String getSecretKey() {
				return this.secretKey;
			}

			public void setSecretKey(String secretKey) {
				this.secretKey = secretKey;
			}

		}

		/**
		 * Phoenix project.
		 */
		public static class Phoenix {

			/**
			 * The Phoenix project traces are filed under (resource attribute
			 * 'openinference.project.name'); Phoenix's 'default' project when unset.
			 */
			private String projectName;

			public String getProjectName() {
				return this.projectName;
			}

			public void setProjectName(String projectName) {
				this.projectName = projectName;
			}

		}

		/**
		 * Datadog site.
		 */
		public static class Datadog {

			/**
			 * The Datadog site, such as 'datadoghq.com', 'datadoghq.eu' or
			 * 'us5.datadoghq.com'; chooses the default endpoint.
			 */
			private String site = "datadoghq.com";

			public String getSite() {
				return this.site;
			}

			public void setSite(String site) {
				this.site = site;
			}

		}

	}

	/**
	 * The built-in trace viewer page.
	 */
	public static class Viewer {

		/**
		 * Whether the trace viewer page is served. Off by default: turn it on in
		 * development, or protect its path with Spring Security.
		 */
		private boolean enabled = false;

		/**
		 * Path of the trace viewer page.
		 */
		private String path = "/llmobs";

		/**
		 * Whether the trace viewer and the llmobs actuator endpoint answer requests from
		 * other hosts. Off by default: they show captured prompts, answers, session and
		 * user ids, so they answer only loopback requests and requests authenticated by
		 * Spring Security (the application protects the path); others get 403.
		 */
		private boolean allowRemote = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public boolean isAllowRemote() {
			return this.allowRemote;
		}

		public void setAllowRemote(boolean allowRemote) {
			this.allowRemote = allowRemote;
		}

	}

	/**
	 * Evaluations run by @Evaluated.
	 */
	public static class Evaluation {

		/**
		 * Whether @Evaluated runs evaluators.
		 */
		private boolean enabled = true;

		/**
		 * Share of calls evaluated, multiplied with each @Evaluated sampleRate.
		 */
		private double sampleRate = 1.0;

		/**
		 * Threads running asynchronous evaluations.
		 */
		private int threads = 2;

		/**
		 * Asynchronous evaluations waiting at most; beyond it evaluations are skipped and
		 * counted.
		 */
		private int queueCapacity = 100;

		/**
		 * Time one asynchronous evaluator may take before its result is an error.
		 */
		private Duration timeout = Duration.ofSeconds(30);

		/**
		 * Whether the built-in evaluators of an @Evaluated that is not async run on the
		 * evaluation executor after the method returns (results on a linked EVALUATOR
		 * span, in the trace, and in the metrics), so the request does not wait for them;
		 * false runs them before the span ends, with results on the span itself.
		 */
		private boolean builtInsInBackground = true;

		/**
		 * Evaluators declared without code, by name: 'type' (non-empty, length, regex,
		 * json, refusal, pii-leak, context-overlap, llm-judge; the name when absent) and
		 * its settings (enabled, threshold, min-length, max-length, must-match,
		 * must-not-match, required-fields, rubric, scale).
		 */
		private Map<String, DeclaredEvaluator> evaluators = new LinkedHashMap<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public double getSampleRate() {
			return this.sampleRate;
		}

		public void setSampleRate(double sampleRate) {
			this.sampleRate = sampleRate;
		}

		public int getThreads() {
			return this.threads;
		}

		public void setThreads(int threads) {
			this.threads = threads;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public boolean isBuiltInsInBackground() {
			return this.builtInsInBackground;
		}

		public void setBuiltInsInBackground(boolean builtInsInBackground) {
			this.builtInsInBackground = builtInsInBackground;
		}

		public Map<String, DeclaredEvaluator> getEvaluators() {
			return this.evaluators;
		}

		public void setEvaluators(Map<String, DeclaredEvaluator> evaluators) {
			this.evaluators = evaluators;
		}

	}

	/**
	 * One evaluator declared in configuration under
	 * 'llmobs.evaluation.evaluators.<name>'.
	 */
	public static class DeclaredEvaluator {

		/**
		 * Whether the evaluator runs; false also switches off a built-in of the same
		 * name.
		 */
		private boolean enabled = true;

		/**
		 * The built-in type: non-empty, length, regex, json, refusal, pii-leak,
		 * context-overlap or llm-judge. When absent, the evaluator's name is the type.
		 */
		private EvaluatorType type;

		/**
		 * Passing score: context-overlap (default 0.5) and llm-judge (default 0.7).
		 */
		private Double threshold;

		/**
		 * Shortest passing answer, for the 'length' type (default 1).
		 */
		private Integer minLength;

		/**
		 * Longest passing answer, for the 'length' type (default unlimited).
		 */
		private Integer maxLength;

		/**
		 * Regular expression the answer must match, for the 'regex' type.
		 */
		private String mustMatch;

		/**
		 * Regular expression the answer must not match, for the 'regex' type.
		 */
		private String mustNotMatch;

		/**
		 * Fields the JSON answer must have, for the 'json' type.
		 */
		private List<String> requiredFields = new ArrayList<>();

		/**
		 * What the judge checks, for the 'llm-judge' type.
		 */
		private String rubric;

		/**
		 * The highest score the judge gives, for the 'llm-judge' type (default 1); scores
		 * are divided by it.
		 */
		private Double scale;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public EvaluatorType getType() {
			return this.type;
		}

		public void setType(EvaluatorType type) {
			this.type = type;
		}

		public Double getThreshold() {
			return this.threshold;
		}

		public void setThreshold(Double threshold) {
			this.threshold = threshold;
		}

		public Integer getMinLength() {
			return this.minLength;
		}

		public void setMinLength(Integer minLength) {
			this.minLength = minLength;
		}

		public Integer getMaxLength() {
			return this.maxLength;
		}

		public void setMaxLength(Integer maxLength) {
			this.maxLength = maxLength;
		}

		public String getMustMatch() {
			return this.mustMatch;
		}

		public void setMustMatch(String mustMatch) {
			this.mustMatch = mustMatch;
		}

		public String getMustNotMatch() {
			return this.mustNotMatch;
		}

		public void setMustNotMatch(String mustNotMatch) {
			this.mustNotMatch = mustNotMatch;
		}

		public List<String> getRequiredFields() {
			return this.requiredFields;
		}

		public void setRequiredFields(List<String> requiredFields) {
			this.requiredFields = requiredFields;
		}

		public String getRubric() {
			return this.rubric;
		}

		public void setRubric(String rubric) {
			this.rubric = rubric;
		}

		public Double getScale() {
			return this.scale;
		}

		public void setScale(Double scale) {
			this.scale = scale;
		}

		/**
		 * The definition the evaluator registry builds the evaluator from.
		 * @param name the evaluator's name
		 * @return the definition
		 */
		EvaluatorDefinition toDefinition(String name) {
			return new EvaluatorDefinition(name, this.enabled, this.type, this.threshold, this.minLength,
					this.maxLength, this.mustMatch, this.mustNotMatch, List.copyOf(this.requiredFields), this.rubric,
					this.scale);
		}

	}

	/**
	 * Model prices for cost attributes and the llmobs.cost meter.
	 */
	public static class Pricing {

		/**
		 * Prices per model name (USD per million tokens); entries win over the built-in
		 * prices and dated variants of a name use its price.
		 */
		private Map<String, ModelPricing> models = new LinkedHashMap<>();

		public Map<String, ModelPricing> getModels() {
			return this.models;
		}

		public void setModels(Map<String, ModelPricing> models) {
			this.models = models;
		}

	}

	/**
	 * The price of one model.
	 */
	public static class ModelPricing {

		/**
		 * USD per million prompt tokens.
		 */
		private double inputPerMillion;

		/**
		 * USD per million completion tokens.
		 */
		private double outputPerMillion;

		/**
		 * USD per million cached prompt tokens; unset to charge them as input.
		 */
		private Double cachedInputPerMillion;

		public double getInputPerMillion() {
			return this.inputPerMillion;
		}

		public void setInputPerMillion(double inputPerMillion) {
			this.inputPerMillion = inputPerMillion;
		}

		public double getOutputPerMillion() {
			return this.outputPerMillion;
		}

		public void setOutputPerMillion(double outputPerMillion) {
			this.outputPerMillion = outputPerMillion;
		}

		public Double getCachedInputPerMillion() {
			return this.cachedInputPerMillion;
		}

		public void setCachedInputPerMillion(Double cachedInputPerMillion) {
			this.cachedInputPerMillion = cachedInputPerMillion;
		}

	}

	/**
	 * The in-memory store of recent traces behind /actuator/llmobs and the trace viewer.
	 */
	public static class RecentTraces {

		/**
		 * Whether recent traces are kept in memory.
		 */
		private boolean enabled = true;

		/**
		 * Number of traces kept.
		 */
		private int maxTraces = 200;

		/**
		 * The number of traces without any LLM-observability span (health checks,
		 * actuator and viewer calls, static files) kept, apart from the LLM traces so
		 * they never evict them.
		 */
		private int maxOtherTraces = 50;

		/**
		 * Maximum number of spans kept per trace.
		 */
		private int maxSpansPerTrace = 1000;

		/**
		 * Estimated memory the kept traces may hold, in bytes.
		 */
		private long maxBytes = 32L * 1024 * 1024;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxTraces() {
			return this.maxTraces;
		}

		public int getMaxOtherTraces() {
			return this.maxOtherTraces;
		}

		public void setMaxOtherTraces(int maxOtherTraces) {
			this.maxOtherTraces = maxOtherTraces;
		}

		public void setMaxTraces(int maxTraces) {
			this.maxTraces = maxTraces;
		}

		public int getMaxSpansPerTrace() {
			return this.maxSpansPerTrace;
		}

		public void setMaxSpansPerTrace(int maxSpansPerTrace) {
			this.maxSpansPerTrace = maxSpansPerTrace;
		}

		public long getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(long maxBytes) {
			this.maxBytes = maxBytes;
		}

	}

	/**
	 * Trace summaries in the application log.
	 */
	public static class Console {

		/**
		 * Whether each finished trace is logged as a compact tree (logger
		 * 'dev.llmobs.console', info level); works without any OTLP endpoint.
		 */
		private boolean enabled = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Quality-aware tail sampling.
	 */
	public static class Sampling {

		/**
		 * Whether traces are held until their local root ends and then exported whole or
		 * dropped by the keep rules and the keep rate.
		 */
		private boolean enabled = false;

		/**
		 * Share of the traces no rule keeps that are exported, decided from the trace id.
		 */
		private double keepRate = 0.1;

		/**
		 * How long a trace is held after its local root ends, for asynchronous
		 * evaluations.
		 */
		private Duration gracePeriod = Duration.ofSeconds(2);

		/**
		 * Traces held at most; beyond, the oldest is decided at once.
		 */
		private int maxTraces = 1000;

		/**
		 * Spans held per trace at most; beyond, the trace is decided at once.
		 */
		private int maxSpansPerTrace = 1000;

		/**
		 * Estimated bytes held at most; beyond, the oldest traces are decided at once.
		 */
		private long maxBytes = 64L * 1024 * 1024;

		/**
		 * Keep traces with a span in error or an exception.
		 */
		private boolean keepErrors = true;

		/**
		 * Keep traces with a failed evaluation or an evaluation error.
		 */
		private boolean keepFailedEvaluations = true;

		/**
		 * Keep traces with a model output cut at the token limit.
		 */
		private boolean keepTruncated = true;

		/**
		 * Keep traces costing more than this many USD.
		 */
		private Double keepCostAbove;

		/**
		 * Keep traces whose local root took longer than this.
		 */
		private Duration keepDurationAbove;

		/**
		 * Keep traces whose metadata holds one of these entries, e.g. tier: enterprise.
		 */
		private Map<String, String> keepMetadata = new LinkedHashMap<>();

		/**
		 * Keep traces of these user ids.
		 */
		private List<String> keepUsers = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public double getKeepRate() {
			return this.keepRate;
		}

		public void setKeepRate(double keepRate) {
			this.keepRate = keepRate;
		}

		public Duration getGracePeriod() {
			return this.gracePeriod;
		}

		public void setGracePeriod(Duration gracePeriod) {
			this.gracePeriod = gracePeriod;
		}

		public int getMaxTraces() {
			return this.maxTraces;
		}

		public void setMaxTraces(int maxTraces) {
			this.maxTraces = maxTraces;
		}

		public int getMaxSpansPerTrace() {
			return this.maxSpansPerTrace;
		}

		public void setMaxSpansPerTrace(int maxSpansPerTrace) {
			this.maxSpansPerTrace = maxSpansPerTrace;
		}

		public long getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(long maxBytes) {
			this.maxBytes = maxBytes;
		}

		public boolean isKeepErrors() {
			return this.keepErrors;
		}

		public void setKeepErrors(boolean keepErrors) {
			this.keepErrors = keepErrors;
		}

		public boolean isKeepFailedEvaluations() {
			return this.keepFailedEvaluations;
		}

		public void setKeepFailedEvaluations(boolean keepFailedEvaluations) {
			this.keepFailedEvaluations = keepFailedEvaluations;
		}

		public boolean isKeepTruncated() {
			return this.keepTruncated;
		}

		public void setKeepTruncated(boolean keepTruncated) {
			this.keepTruncated = keepTruncated;
		}

		public Double getKeepCostAbove() {
			return this.keepCostAbove;
		}

		public void setKeepCostAbove(Double keepCostAbove) {
			this.keepCostAbove = keepCostAbove;
		}

		public Duration getKeepDurationAbove() {
			return this.keepDurationAbove;
		}

		public void setKeepDurationAbove(Duration keepDurationAbove) {
			this.keepDurationAbove = keepDurationAbove;
		}

		public Map<String, String> getKeepMetadata() {
			return this.keepMetadata;
		}

		public void setKeepMetadata(Map<String, String> keepMetadata) {
			this.keepMetadata = keepMetadata;
		}

		public List<String> getKeepUsers() {
			return this.keepUsers;
		}

		public void setKeepUsers(List<String> keepUsers) {
			this.keepUsers = keepUsers;
		}

	}

	/**
	 * Metrics.
	 */
	public static class Metrics {

		/**
		 * Distinct prompt versions kept as values of the 'prompt.version' tag; later ones
		 * are tagged 'other'.
		 */
		private int maxPromptVersions = 50;

		public int getMaxPromptVersions() {
			return this.maxPromptVersions;
		}

		public void setMaxPromptVersions(int maxPromptVersions) {
			this.maxPromptVersions = maxPromptVersions;
		}

	}

	/**
	 * Spring AI integration.
	 */
	public static class SpringAi {

		/**
		 * Whether the spans of Spring AI's chat model, embedding model and vector store
		 * observations are enriched (messages, documents, typed usage, cost) and their
		 * tokens metered into gen_ai.client.token.usage in place of Spring AI's counter.
		 */
		private boolean enabled = true;

		/**
		 * Name of the agent a ChatClient turn is recorded as (gen_ai.agent.name, or
		 * gen_ai.workflow.name when the turn offers no tools) when the call gives none in
		 * its 'llmobs.agent-name' advisor parameter. Defaults to spring.application.name,
		 * else 'chat-client'.
		 */
		private String agentName;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getAgentName() {
			return this.agentName;
		}

		public void setAgentName(String agentName) {
			this.agentName = agentName;
		}

	}

	/**
	 * LangChain4j integration.
	 */
	public static class LangChain4j {

		/**
		 * Whether LangChain4j's chat and streaming chat models, AI Services, tool
		 * executions, content retrievers, embedding stores and embedding models are
		 * traced (LLM, AGENT, TOOL, RETRIEVER and EMBEDDING spans) and their tokens and
		 * cost metered.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Tracing of Model Context Protocol calls made and served through Spring AI's MCP
	 * client and server.
	 */
	public static class Mcp {

		/**
		 * Whether MCP requests sent by Spring AI's MCP clients and tool calls served by
		 * Spring AI's MCP server are traced (spans per the OpenTelemetry MCP conventions,
		 * trace context in params._meta, the mcp.client.operation.duration and
		 * mcp.server.operation.duration histograms).
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The 'llmobs' health indicator (switched off with management.health.llmobs.enabled).
	 */
	public static class Health {

		/**
		 * Consecutive failed exports before the indicator reports the problem.
		 */
		private int failureThreshold = 3;

		/**
		 * Whether a failing export pipeline reports DOWN instead of DEGRADED; DOWN can
		 * take the application's overall health down.
		 */
		private boolean downOnFailure = false;

		public int getFailureThreshold() {
			return this.failureThreshold;
		}

		public void setFailureThreshold(int failureThreshold) {
			this.failureThreshold = failureThreshold;
		}

		public boolean isDownOnFailure() {
			return this.downOnFailure;
		}

		public void setDownOnFailure(boolean downOnFailure) {
			this.downOnFailure = downOnFailure;
		}

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
		private CaptureMode mode = CaptureMode.FULL;

		/**
		 * Maximum length in characters of one captured value; longer content is cut while
		 * it is written and ends with '…[truncated N chars]'.
		 */
		private int maxLength = 4000;

		/**
		 * Built-in detectors whose matches are replaced by '[REDACTED:kind]' before
		 * truncation: secrets, credit-cards, emails, phones, ip-addresses.
		 */
		private Set<RedactionKind> redact = new LinkedHashSet<>(
				List.of(RedactionKind.SECRETS, RedactionKind.CREDIT_CARDS));

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

		public CaptureMode getMode() {
			return this.mode;
		}

		public void setMode(CaptureMode mode) {
			this.mode = mode;
		}

		public int getMaxLength() {
			return this.maxLength;
		}

		public void setMaxLength(int maxLength) {
			this.maxLength = maxLength;
		}

		public Set<RedactionKind> getRedact() {
			return this.redact;
		}

		public void setRedact(Set<RedactionKind> redact) {
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

	/**
	 * How the trace context (current span, session, user, metadata, tags) follows work to
	 * other threads.
	 */
	public static class Context {

		/**
		 * Whether Boot's auto-configured task executors and schedulers ({@code @Async},
		 * {@code applicationTaskExecutor}, {@code @Scheduled}, virtual threads included)
		 * carry the submitting thread's OpenTelemetry context to the worker thread,
		 * through a {@code TaskDecorator} bean composed with the application's own.
		 */
		private boolean propagateToExecutors = true;

		public boolean isPropagateToExecutors() {
			return this.propagateToExecutors;
		}

		public void setPropagateToExecutors(boolean propagateToExecutors) {
			this.propagateToExecutors = propagateToExecutors;
		}

	}

	/**
	 * How the session and user of HTTP requests are found.
	 */
	public static class Web {

		/**
		 * Whether the servlet or WebFlux filter takes the session and user of each
		 * request.
		 */
		private boolean enabled = true;

		/**
		 * Request header holding the session (conversation) id.
		 */
		private String sessionHeader = "X-Session-Id";

		/**
		 * Request header holding the user id, used when there is no authenticated
		 * principal.
		 */
		private String userHeader = "X-User-Id";

		/**
		 * Whether the authenticated principal's name is the user id, winning over the
		 * header.
		 */
		private boolean userFromPrincipal = true;

		/**
		 * Response header returning the trace id, so support can find a customer's trace.
		 * Empty for none.
		 */
		private String traceIdHeader = "X-Trace-Id";

		/**
		 * Maximum length of a session or user id; longer values are dropped, not cut.
		 */
		private int maxIdLength = 128;

		/**
		 * Whether user ids are recorded as 'sha256:' and an HMAC keyed by 'user-id-salt'.
		 */
		private boolean hashUserIds = false;

		/**
		 * Secret salt of the user id HMAC.
		 */
		private String userIdSalt = "";

		/**
		 * Whether the session and user are sent as W3C baggage on outbound RestClient and
		 * RestTemplate calls, to the 'propagate-hosts' only.
		 */
		private boolean propagate = false;

		/**
		 * Host names that may receive the session and user as baggage.
		 */
		private List<String> propagateHosts = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getSessionHeader() {
			return this.sessionHeader;
		}

		public void setSessionHeader(String sessionHeader) {
			this.sessionHeader = sessionHeader;
		}

		public String getUserHeader() {
			return this.userHeader;
		}

		public void setUserHeader(String userHeader) {
			this.userHeader = userHeader;
		}

		public boolean isUserFromPrincipal() {
			return this.userFromPrincipal;
		}

		public void setUserFromPrincipal(boolean userFromPrincipal) {
			this.userFromPrincipal = userFromPrincipal;
		}

		public String getTraceIdHeader() {
			return this.traceIdHeader;
		}

		public void setTraceIdHeader(String traceIdHeader) {
			this.traceIdHeader = traceIdHeader;
		}

		public int getMaxIdLength() {
			return this.maxIdLength;
		}

		public void setMaxIdLength(int maxIdLength) {
			this.maxIdLength = maxIdLength;
		}

		public boolean isHashUserIds() {
			return this.hashUserIds;
		}

		public void setHashUserIds(boolean hashUserIds) {
			this.hashUserIds = hashUserIds;
		}

		public String getUserIdSalt() {
			return this.userIdSalt;
		}

		public void setUserIdSalt(String userIdSalt) {
			this.userIdSalt = userIdSalt;
		}

		public boolean isPropagate() {
			return this.propagate;
		}

		public void setPropagate(boolean propagate) {
			this.propagate = propagate;
		}

		public List<String> getPropagateHosts() {
			return this.propagateHosts;
		}

		public void setPropagateHosts(List<String> propagateHosts) {
			this.propagateHosts = propagateHosts;
		}

	}

}
