package dev.llmobs.aop;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

import dev.llmobs.annotation.Capture;
import dev.llmobs.annotation.Embedding;
import dev.llmobs.annotation.LlmAgent;
import dev.llmobs.annotation.LlmCall;
import dev.llmobs.annotation.LlmChain;
import dev.llmobs.annotation.LlmTask;
import dev.llmobs.annotation.LlmTool;
import dev.llmobs.annotation.NoCapture;
import dev.llmobs.annotation.RetrievalQuery;
import dev.llmobs.annotation.Retriever;
import dev.llmobs.capture.CaptureMode;
import dev.llmobs.trace.Convention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpanAnnotationTracingTests {

	private final TracingFixture fixture = new TracingFixture();

	private static String attr(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

	@Test
	void everyAnnotationOpensASpanOfItsKind() {
		Steps steps = this.fixture.proxy(new Steps());
		steps.chain("q");
		steps.task("q");
		steps.retrieve("q");
		steps.call("q");
		steps.tool("q");
		steps.agent("q");
		steps.embed("q");
		assertKinds("Steps.chain", "CHAIN", "chain", "invoke_workflow");
		assertKinds("Steps.task", "CHAIN", "task", "task");
		assertKinds("Steps.retrieve", "RETRIEVER", "retriever", "retrieval");
		assertKinds("Steps.call", "LLM", "llm", "generate_content");
		assertKinds("Steps.tool", "TOOL", "tool", "execute_tool");
		assertKinds("Steps.agent", "AGENT", "agent", "invoke_agent");
		assertKinds("Steps.embed", "EMBEDDING", "embedding", "embeddings");
		assertThat(attr(this.fixture.span("Steps.chain"), "gen_ai.workflow.name")).isEqualTo("Steps.chain");
		assertThat(attr(this.fixture.span("Steps.agent"), "gen_ai.agent.name")).isEqualTo("Steps.agent");
		SpanData call = this.fixture.span("Steps.call");
		assertThat(attr(call, "llm.model_name")).isEqualTo("gemini-2.0-flash");
		assertThat(attr(call, "gen_ai.request.model")).isEqualTo("gemini-2.0-flash");
		assertThat(attr(call, "llm.provider")).isEqualTo("gcp.gemini");
		assertThat(attr(call, "gen_ai.provider.name")).isEqualTo("gcp.gemini");
		SpanData tool = this.fixture.span("Steps.tool");
		assertThat(attr(tool, "tool.name")).isEqualTo("Steps.tool");
		assertThat(attr(tool, "tool.description")).isEqualTo("Looks up an order");
		assertThat(attr(tool, "gen_ai.tool.description")).isEqualTo("Looks up an order");
		assertThat(attr(this.fixture.span("Steps.embed"), "embedding.model_name")).isEqualTo("text-embedding-3-small");
	}

	private void assertKinds(String name, String openInference, String llmObs, String operation) {
		SpanData span = this.fixture.span(name);
		assertThat(attr(span, "openinference.span.kind")).isEqualTo(openInference);
		assertThat(attr(span, "llmobs.span.kind")).isEqualTo(llmObs);
		assertThat(attr(span, "gen_ai.operation.name")).isEqualTo(operation);
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
	}

	@Test
	void explicitNameReplacesTheDefault() {
		this.fixture.proxy(new Named()).run();
		assertThat(this.fixture.spans()).extracting(SpanData::getName).containsExactly("support-flow");
	}

	@Test
	void nestedCallsNestTheirSpans() {
		Steps steps = this.fixture.proxy(new Steps());
		Pipeline pipeline = this.fixture.proxy(new Pipeline(steps));
		pipeline.run("where is my order?");
		SpanData root = this.fixture.span("Pipeline.run");
		SpanData retrieve = this.fixture.span("Steps.retrieve");
		SpanData call = this.fixture.span("Steps.call");
		assertThat(root.getParentSpanContext().isValid()).isFalse();
		assertThat(retrieve.getParentSpanId()).isEqualTo(root.getSpanId());
		assertThat(call.getParentSpanId()).isEqualTo(root.getSpanId());
		assertThat(retrieve.getTraceId()).isEqualTo(root.getTraceId());
	}

	@Test
	void exceptionIsRecordedAndRethrownUntouched() {
		Failing failing = this.fixture.proxy(new Failing());
		IllegalStateException thrown = new IllegalStateException("model unavailable");
		assertThatThrownBy(() -> failing.fail(thrown)).isSameAs(thrown);
		SpanData span = this.fixture.span("Failing.fail");
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getStatus().getDescription()).isEqualTo("model unavailable");
		assertThat(attr(span, "error.type")).isEqualTo(IllegalStateException.class.getName());
		assertThat(span.getEvents()).anySatisfy((event) -> assertThat(event.getName()).isEqualTo("exception"));
	}

	@Test
	void checkedExceptionIsRethrownUntouched() {
		Failing failing = this.fixture.proxy(new Failing());
		assertThatThrownBy(failing::failChecked).isInstanceOf(java.io.IOException.class).hasMessage("disk");
		assertThat(this.fixture.span("Failing.failChecked").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
	}

	@Test
	void classLevelAnnotationTracesEveryPublicMethod() {
		ClassLevel bean = this.fixture.proxy(new ClassLevel());
		bean.first();
		bean.second();
		bean.overridden();
		assertThat(this.fixture.spans()).extracting(SpanData::getName)
			.containsExactlyInAnyOrder("ClassLevel.first", "ClassLevel.second", "ClassLevel.overridden");
		assertThat(attr(this.fixture.span("ClassLevel.first"), "llmobs.span.kind")).isEqualTo("task");
		assertThat(attr(this.fixture.span("ClassLevel.overridden"), "llmobs.span.kind")).isEqualTo("tool");
	}

	@Test
	void singleArgumentIsCapturedAsItselfAndResultAsOutput() {
		this.fixture.proxy(new Steps()).chain("where is my order?");
		SpanData span = this.fixture.span("Steps.chain");
		assertThat(attr(span, "input.value")).isEqualTo("where is my order?");
		assertThat(attr(span, "input.mime_type")).isEqualTo("text/plain");
		assertThat(attr(span, "output.value")).isEqualTo("answer to where is my order?");
		assertThat(attr(span, "output.mime_type")).isEqualTo("text/plain");
	}

	@Test
	void severalArgumentsAreCapturedAsJsonKeyedByParameterName() {
		this.fixture.proxy(new Arguments()).ask("hello", 3, new Ticket("T-1", List.of("billing")));
		SpanData span = this.fixture.span("Arguments.ask");
		assertThat(attr(span, "input.mime_type")).isEqualTo("application/json");
		assertThat(attr(span, "input.value"))
			.isEqualTo("{\"question\":\"hello\",\"topK\":3,\"ticket\":{\"id\":\"T-1\",\"tags\":[\"billing\"]}}");
		assertThat(attr(span, "output.mime_type")).isEqualTo("application/json");
		assertThat(attr(span, "output.value")).isEqualTo("{\"id\":\"T-1\",\"tags\":[\"billing\"]}");
	}

	@Test
	void valuesMutatedAfterTheMethodReturnsAreCapturedAsTheyWereAtReturn() {
		Arguments arguments = this.fixture.proxy(new Arguments());
		List<String> items = new ArrayList<>(List.of("refund"));
		arguments.echo(items);
		items.add("added after return");
		StringBuilder note = new StringBuilder("first draft");
		arguments.echo(note);
		note.append(", edited after return");
		List<SpanData> spans = this.fixture.spans()
			.stream()
			.filter((span) -> span.getName().equals("Arguments.echo"))
			.toList();
		assertThat(spans).hasSize(2);
		assertThat(attr(spans.get(0), "input.value")).isEqualTo("[\"refund\"]");
		assertThat(attr(spans.get(0), "output.value")).isEqualTo("[\"refund\"]");
		assertThat(attr(spans.get(1), "input.value")).isEqualTo("first draft");
		assertThat(attr(spans.get(1), "output.value")).isEqualTo("first draft");
	}

	@Test
	void aValuePassedOnWithinATraceIsCapturedAsItIsAtEachStep() {
		Handover handover = this.fixture.proxy(new Handover());
		this.fixture.proxy(new HandoverChain(handover)).run();
		SpanData drafted = this.fixture.span("Handover.draft");
		SpanData sent = this.fixture.span("Handover.send");
		// the same immutable record, output of one step and input of the next
		assertThat(attr(drafted, "output.value")).isEqualTo("{\"system\":\"Answer briefly.\",\"user\":\"hi\"}");
		assertThat(attr(sent, "input.value")).isEqualTo(attr(drafted, "output.value"));
		// the same list, changed between the two steps
		SpanData listed = this.fixture.span("Handover.list");
		SpanData counted = this.fixture.span("Handover.count");
		assertThat(attr(listed, "output.value")).isEqualTo("[\"kb-01\"]");
		assertThat(attr(counted, "input.value")).isEqualTo("[\"kb-01\",\"kb-02\"]");
	}

	@Test
	void excludedParameterIsLeftOut() {
		this.fixture.proxy(new Arguments()).login("alice", "hunter2-secret");
		SpanData span = this.fixture.span("Arguments.login");
		assertThat(attr(span, "input.value")).isEqualTo("alice").doesNotContain("hunter2");
	}

	@Test
	void annotationOverridesTurnCaptureOff() {
		this.fixture.proxy(new Arguments()).privateStep("card 4111 1111 1111 1111");
		SpanData span = this.fixture.span("Arguments.privateStep");
		assertThat(span.getAttributes().get(AttributeKey.stringKey("input.value"))).isNull();
		assertThat(span.getAttributes().get(AttributeKey.stringKey("output.value"))).isNull();
	}

	@Test
	void annotationOverrideTurnsCaptureOnWhenGloballyOff() {
		TracingFixture quiet = new TracingFixture(CaptureMode.FULL, 4000, false, false, Sampler.alwaysOn(),
				Convention.DEFAULTS);
		Arguments arguments = quiet.proxy(new Arguments());
		arguments.loudStep("visible");
		arguments.privateStep("hidden");
		assertThat(attr(quiet.span("Arguments.loudStep"), "input.value")).isEqualTo("visible");
		assertThat(quiet.span("Arguments.privateStep").getAttributes().get(AttributeKey.stringKey("input.value")))
			.isNull();
	}

	@Test
	void secretsAreRedactedBeforeTheyReachTheSpan() {
		this.fixture.proxy(new Steps()).chain("my key is sk-proj-abcdefghijklmnopqrstuvwxyz0123456789 ok");
		String input = attr(this.fixture.span("Steps.chain"), "input.value");
		assertThat(input).contains("[REDACTED:").doesNotContain("abcdefghijklmnopqrstuvwxyz0123456789");
	}

	@Test
	void longInputIsTruncatedWithTheMarker() {
		TracingFixture small = new TracingFixture(CaptureMode.FULL, 10, true, true, Sampler.alwaysOn(),
				Convention.DEFAULTS);
		small.proxy(new Steps()).chain("0123456789abcdef");
		assertThat(attr(small.span("Steps.chain"), "input.value")).isEqualTo("0123456789…[truncated 6 chars]");
	}

	@Test
	void tenMegabyteArgumentIsCutToTheLimit() {
		String huge = "x".repeat(10 * 1024 * 1024);
		this.fixture.proxy(new Steps()).chain(huge);
		String input = attr(this.fixture.span("Steps.chain"), "input.value");
		assertThat(input).hasSizeLessThan(4100).endsWith("…[truncated " + (huge.length() - 4000) + " chars]");
	}

	@Test
	void cyclicObjectDegradesToAMarker() {
		Node node = new Node();
		node.next = node;
		Object result = this.fixture.proxy(new Arguments()).cyclic(node);
		assertThat(result).isSameAs(node);
		assertThat(attr(this.fixture.span("Arguments.cyclic"), "input.value")).startsWith("[unserializable");
	}

	@Test
	void hashModeRecordsADigestInsteadOfContent() {
		TracingFixture hashing = new TracingFixture(CaptureMode.HASH, 4000, true, true, Sampler.alwaysOn(),
				Convention.DEFAULTS);
		hashing.proxy(new Steps()).chain("where is my order?");
		assertThat(attr(hashing.span("Steps.chain"), "input.value")).matches("sha256:[0-9a-f]{64}");
	}

	@Test
	void noneModeRecordsNoContent() {
		TracingFixture none = new TracingFixture(CaptureMode.NONE, 4000, true, true, Sampler.alwaysOn(),
				Convention.DEFAULTS);
		none.proxy(new Steps()).chain("where is my order?");
		SpanData span = none.span("Steps.chain");
		assertThat(span.getAttributes().get(AttributeKey.stringKey("input.value"))).isNull();
		assertThat(attr(span, "openinference.span.kind")).isEqualTo("CHAIN");
	}

	@Test
	void retrieverRecordsQueryAndFlattenedDocuments() {
		this.fixture.proxy(new Steps()).retrieve("refund policy");
		SpanData span = this.fixture.span("Steps.retrieve");
		assertThat(attr(span, "input.value")).isEqualTo("refund policy");
		assertThat(attr(span, "gen_ai.retrieval.query.text")).isEqualTo("refund policy");
		assertThat(attr(span, "retrieval.documents.0.document.id")).isEqualTo("kb-1");
		assertThat(attr(span, "retrieval.documents.0.document.content")).isEqualTo("Refunds take 5 days.");
		assertThat(span.getAttributes().get(AttributeKey.doubleKey("retrieval.documents.0.document.score")))
			.isEqualTo(0.9);
		assertThat(attr(span, "retrieval.documents.1.document.id")).isEqualTo("kb-2");
	}

	@Test
	void retrieverQueryCanBeMarked() {
		this.fixture.proxy(new Steps()).retrieveMarked(3, "shipping");
		assertThat(attr(this.fixture.span("Steps.retrieveMarked"), "gen_ai.retrieval.query.text"))
			.isEqualTo("shipping");
	}

	@Test
	void retrieverDocumentsBeyondTheCapAreCounted() {
		this.fixture.proxy(new Steps()).retrieveMany();
		SpanData span = this.fixture.span("Steps.retrieveMany");
		assertThat(span.getAttributes().get(AttributeKey.longKey("llmobs.retrieval.documents_dropped"))).isEqualTo(7L);
		assertThat(attr(span, "retrieval.documents.4.document.content")).isEqualTo("doc 4");
		assertThat(span.getAttributes().get(AttributeKey.stringKey("retrieval.documents.5.document.content"))).isNull();
	}

	@Test
	void onlyGenAiConventionWritesNoOpenInferenceKeys() {
		TracingFixture genAi = new TracingFixture(CaptureMode.FULL, 4000, true, true, Sampler.alwaysOn(),
				EnumSet.of(Convention.GEN_AI));
		genAi.proxy(new Steps()).retrieve("refund policy");
		SpanData span = genAi.span("Steps.retrieve");
		assertThat(span.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
			.contains("gen_ai.operation.name", "gen_ai.retrieval.query.text", "llmobs.span.kind")
			.doesNotContain("openinference.span.kind", "input.value", "retrieval.documents.0.document.id");
	}

	@Test
	void unsampledSpanSerializesNothing() {
		TracingFixture unsampled = new TracingFixture(CaptureMode.FULL, 4000, true, true, Sampler.alwaysOff(),
				Convention.DEFAULTS);
		Exploding exploding = new Exploding();
		Object result = unsampled.proxy(new Arguments()).echo(exploding);
		assertThat(result).isSameAs(exploding);
		assertThat(exploding.reads).isZero();
		assertThat(unsampled.spans()).isEmpty();
	}

	@Test
	void selfInvocationIsNotTraced() {
		SelfCalling bean = this.fixture.proxy(new SelfCalling());
		bean.outer();
		assertThat(this.fixture.spans()).extracting(SpanData::getName).containsExactly("SelfCalling.outer");
	}

	@Test
	void argumentsAreNotMutated() {
		List<String> tags = new ArrayList<>(List.of("b", "a"));
		Ticket ticket = new Ticket("T-9", tags);
		this.fixture.proxy(new Arguments()).ask("q", 1, ticket);
		assertThat(ticket.tags()).containsExactly("b", "a");
	}

	record Ticket(String id, List<String> tags) {
	}

	record Doc(String id, String content, double score) {
	}

	static class Node {

		public Node next;

		public Node getNext() {
			return this.next;
		}

	}

	static class Exploding {

		int reads;

		public String getValue() {
			this.reads++;
			return "read";
		}

	}

	static class Steps {

		@LlmChain
		public String chain(String question) {
			return "answer to " + question;
		}

		@LlmTask
		public String task(String question) {
			return "prompt: " + question;
		}

		@Retriever
		public List<Doc> retrieve(String query) {
			return List.of(new Doc("kb-1", "Refunds take 5 days.", 0.9), new Doc("kb-2", "Shipping is free.", 0.4));
		}

		@Retriever
		public List<Doc> retrieveMarked(int topK, @RetrievalQuery String query) {
			return List.of();
		}

		@Retriever
		public List<Map<String, Object>> retrieveMany() {
			List<Map<String, Object>> docs = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				docs.add(Map.of("id", "d" + i, "content", "doc " + i));
			}
			return docs;
		}

		@LlmCall(provider = "gcp.gemini", model = "gemini-2.0-flash", operation = "generate_content")
		public String call(String prompt) {
			return "model says hi";
		}

		@LlmTool(description = "Looks up an order")
		public String tool(String orderId) {
			return "shipped";
		}

		@LlmAgent
		public String agent(String goal) {
			return "done";
		}

		@Embedding(model = "text-embedding-3-small")
		public float[] embed(String text) {
			return new float[] { 0.1f, 0.2f };
		}

	}

	static class Pipeline {

		private final Steps steps;

		Pipeline(Steps steps) {
			this.steps = steps;
		}

		@LlmChain
		public String run(String question) {
			this.steps.retrieve(question);
			return this.steps.call(question);
		}

	}

	record DraftPrompt(String system, String user) {
	}

	static class Handover {

		@LlmTask
		public DraftPrompt draft() {
			return new DraftPrompt("Answer briefly.", "hi");
		}

		@LlmTask
		public String send(DraftPrompt prompt) {
			return prompt.user();
		}

		@LlmTask
		public List<String> list() {
			return new ArrayList<>(List.of("kb-01"));
		}

		@LlmTask
		public int count(List<String> articles) {
			return articles.size();
		}

	}

	static class HandoverChain {

		private final Handover handover;

		HandoverChain(Handover handover) {
			this.handover = handover;
		}

		@LlmChain
		public int run() {
			this.handover.send(this.handover.draft());
			List<String> articles = this.handover.list();
			articles.add("kb-02");
			return this.handover.count(articles);
		}

	}

	static class Named {

		@LlmChain(name = "support-flow")
		public void run() {
		}

	}

	static class Failing {

		@LlmTask
		public String fail(RuntimeException ex) {
			throw ex;
		}

		@LlmTask
		public String failChecked() throws java.io.IOException {
			throw new java.io.IOException("disk");
		}

	}

	@LlmTask
	static class ClassLevel {

		public String first() {
			return "1";
		}

		public String second() {
			return "2";
		}

		@LlmTool
		public String overridden() {
			return "3";
		}

		String packagePrivate() {
			return "not traced";
		}

	}

	static class Arguments {

		@LlmTask
		public Ticket ask(String question, int topK, Ticket ticket) {
			return ticket;
		}

		@LlmTask
		public String login(String user, @NoCapture String password) {
			return "ok";
		}

		@LlmTask(captureInput = Capture.OFF, captureOutput = Capture.OFF)
		public String privateStep(String secret) {
			return secret;
		}

		@LlmTask(captureInput = Capture.ON)
		public String loudStep(String text) {
			return text;
		}

		@LlmTask
		public Node cyclic(Node node) {
			return node;
		}

		@LlmTask
		public Object echo(Object value) {
			return value;
		}

	}

	static class SelfCalling {

		@LlmChain
		public String outer() {
			return inner();
		}

		@LlmTask
		public String inner() {
			return "inner";
		}

	}

}
