package dev.llmobs.langchain4j;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import dev.llmobs.failure.RecordingFailures;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.SpanCompletion;
import dev.llmobs.trace.SpanIdentity;
import dev.llmobs.trace.document.RetrievedDocument;

/**
 * {@code RETRIEVER} spans for {@link ContentRetriever#retrieve} and
 * {@link EmbeddingStore#search} (the query, and the retrieved contents with their scores
 * flattened as for {@code @Retriever}), and {@code EMBEDDING} spans for
 * {@link EmbeddingModel#embed} and {@code embedAll}.
 */
final class RagInterceptor implements MethodInterceptor {

	private final LangChain4jSpans spans;

	private final String beanName;

	RagInterceptor(LangChain4jSpans spans, String beanName) {
		this.spans = spans;
		this.beanName = beanName;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		String method = invocation.getMethod().getName();
		Object[] args = invocation.getArguments();
		if (args.length != 1) {
			return invocation.proceed();
		}
		if (target instanceof ContentRetriever && "retrieve".equals(method) && args[0] instanceof Query query) {
			return observe(invocation, LlmSpanKind.RETRIEVER, SpanIdentity.NONE, query.text());
		}
		if (target instanceof EmbeddingStore && "search".equals(method)
				&& args[0] instanceof EmbeddingSearchRequest request) {
			Object query = (request.query() != null) ? request.query() : "";
			return observe(invocation, LlmSpanKind.RETRIEVER, SpanIdentity.NONE, query);
		}
		if (target instanceof EmbeddingModel model && ("embed".equals(method) || "embedAll".equals(method))) {
			String modelName = modelName(model);
			return observe(invocation, LlmSpanKind.EMBEDDING, new SpanIdentity("", modelName, "", ""),
					embeddingInput(args[0]));
		}
		return invocation.proceed();
	}

	private Object observe(MethodInvocation invocation, LlmSpanKind kind, SpanIdentity identity, Object input)
			throws Throwable {
		SpanCompletion completion;
		try {
			completion = this.spans.start(kind, name(kind, invocation), identity, input);
		}
		catch (Throwable ex) {
			RecordingFailures.record("the start of a LangChain4j " + kind.llmObsKind() + " span", ex);
			return invocation.proceed();
		}
		Context context = this.spans.tracer().contextFor(completion);
		Object result;
		try (Scope scope = context.makeCurrent()) {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			completion.fail(ex);
			throw ex;
		}
		completion.succeed(output(kind, result));
		return result;
	}

	private String name(LlmSpanKind kind, MethodInvocation invocation) {
		String type = invocation.getThis().getClass().getSimpleName();
		if (type.isEmpty() || type.contains("$$") || type.contains("Lambda")) {
			// A lambda or an anonymous class: the bean name says more.
			type = this.beanName;
		}
		return (kind == LlmSpanKind.EMBEDDING) ? "embeddings " + type : type + "." + invocation.getMethod().getName();
	}

	private static Object output(LlmSpanKind kind, Object result) {
		if (kind == LlmSpanKind.EMBEDDING) {
			// Vectors are no content worth a span attribute.
			return null;
		}
		if (result instanceof EmbeddingSearchResult<?> search) {
			return search.matches();
		}
		if (result instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Content) {
			List<RetrievedDocument> documents = new ArrayList<>(list.size());
			for (Object item : list) {
				Content content = (Content) item;
				TextSegment segment = content.textSegment();
				Object score = content.metadata().get(ContentMetadata.SCORE);
				Object id = content.metadata().get(ContentMetadata.EMBEDDING_ID);
				documents.add(new RetrievedDocument((id != null) ? id.toString() : null,
						(segment != null) ? segment.text() : "",
						(score instanceof Number number) ? number.doubleValue() : null,
						(segment != null) ? segment.metadata().toMap() : java.util.Map.of()));
			}
			return documents;
		}
		return result;
	}

	private static Object embeddingInput(Object argument) {
		if (argument instanceof TextSegment segment) {
			return segment.text();
		}
		if (argument instanceof List<?> segments) {
			List<String> texts = new ArrayList<>(segments.size());
			for (Object segment : segments) {
				texts.add((segment instanceof TextSegment text) ? text.text() : String.valueOf(segment));
			}
			return texts;
		}
		return argument;
	}

	private String modelName(EmbeddingModel model) {
		try {
			String name = model.modelName();
			return (name != null && !name.equals("unknown")) ? name : "";
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

}
