package dev.llmobs.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A real OTLP/HTTP receiver on the loopback interface that decodes the official OTLP
 * protobuf messages for traces, logs and metrics, for end-to-end tests. It is as strict
 * as the servers users run: a request asking for a protocol upgrade (an {@code Upgrade}
 * or {@code HTTP2-Settings} header, as the JDK's HTTP/2 client sends to cleartext
 * endpoints) is answered {@code 400}, and anything but a protobuf POST {@code 415}. Every
 * request is recorded with its path and headers. It can also answer 500 or stall, to test
 * outages.
 */
public final class OtlpTestReceiver implements AutoCloseable {

	private static final Duration POLL = Duration.ofMillis(25);

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "otlp-test-receiver");
		thread.setDaemon(true);
		return thread;
	});

	private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

	private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

	private final AtomicInteger requests = new AtomicInteger();

	private final List<ReceivedRequest> requestLog = new CopyOnWriteArrayList<>();

	private final List<ReceivedLogRecord> logRecords = new CopyOnWriteArrayList<>();

	private final Set<String> metricNames = ConcurrentHashMap.newKeySet();

	private final String basePath;

	private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.ACCEPT);

	private volatile CountDownLatch stallRelease = new CountDownLatch(1);

	/**
	 * How the receiver answers.
	 */
	public enum Mode {

		/** Decode, store and answer 200. */
		ACCEPT,

		/** Answer 500 without storing. */
		FAIL_500,

		/**
		 * Accept the request and never answer, until the mode changes or the receiver
		 * closes.
		 */
		STALL

	}

	private OtlpTestReceiver(String basePath) throws IOException {
		this.basePath = basePath;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Starts a receiver on a free port, serving {@code /v1/traces}, {@code /v1/logs} and
	 * {@code /v1/metrics}.
	 * @return the receiver
	 */
	public static OtlpTestReceiver start() {
		return start("");
	}

	/**
	 * Starts a receiver on a free port whose OTLP paths sit under a base path, as some
	 * backends serve them (e.g. {@code /api/public/otel/v1/traces}); other paths answer
	 * {@code 404}.
	 * @param basePath the base path, empty or starting with {@code /}
	 * @return the receiver
	 */
	public static OtlpTestReceiver start(String basePath) {
		try {
			return new OtlpTestReceiver(basePath);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A loopback port nothing listens on, for "connection refused" tests.
	 * @return the port
	 */
	public static int unusedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The port.
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * The URL to configure as the OTLP traces endpoint.
	 * @return {@code http://127.0.0.1:<port>/v1/traces}
	 */
	public String tracesEndpoint() {
		return baseUrl() + "/v1/traces";
	}

	/**
	 * The URL to configure as the OTLP logs endpoint.
	 * @return {@code http://127.0.0.1:<port><base>/v1/logs}
	 */
	public String logsEndpoint() {
		return baseUrl() + "/v1/logs";
	}

	/**
	 * The URL to configure as the OTLP metrics endpoint.
	 * @return {@code http://127.0.0.1:<port><base>/v1/metrics}
	 */
	public String metricsEndpoint() {
		return baseUrl() + "/v1/metrics";
	}

	/**
	 * The base URL, as {@code OTEL_EXPORTER_OTLP_ENDPOINT} takes it.
	 * @return {@code http://127.0.0.1:<port><base>}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + port() + this.basePath;
	}

	/**
	 * Changes how requests are answered; leaving {@link Mode#STALL} releases stalled
	 * requests.
	 * @param mode the new mode
	 */
	public void mode(Mode mode) {
		Mode previous = this.mode.getAndSet(mode);
		if (previous == Mode.STALL && mode != Mode.STALL) {
			CountDownLatch release = this.stallRelease;
			this.stallRelease = new CountDownLatch(1);
			release.countDown();
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			this.requests.incrementAndGet();
			answer(exchange);
		}
	}

	private void answer(HttpExchange exchange) throws IOException {
		if (asksForUpgrade(exchange)) {
			exchange.getRequestBody().readAllBytes();
			respond(exchange, 400, null);
			return;
		}
		byte[] body = readBody(exchange);
		Mode current = this.mode.get();
		if (current == Mode.STALL) {
			try {
				this.stallRelease.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			respond(exchange, 503, null);
			return;
		}
		if (current == Mode.FAIL_500) {
			respond(exchange, 500, null);
			return;
		}
		String path = exchange.getRequestURI().getPath();
		String signal = path.startsWith(this.basePath + "/v1/") ? path.substring(this.basePath.length() + 4) : "";
		if (!Set.of("traces", "logs", "metrics").contains(signal)) {
			respond(exchange, 404, null);
			return;
		}
		String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
		if (!"POST".equals(exchange.getRequestMethod()) || !contentType.startsWith("application/x-protobuf")) {
			respond(exchange, 415, null);
			return;
		}
		byte[] response = switch (signal) {
			case "traces" -> {
				this.bodies.add(body);
				store(ExportTraceServiceRequest.parseFrom(body));
				yield ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			}
			case "logs" -> {
				this.bodies.add(body);
				storeLogs(ExportLogsServiceRequest.parseFrom(body));
				yield ExportLogsServiceResponse.getDefaultInstance().toByteArray();
			}
			default -> {
				storeMetrics(ExportMetricsServiceRequest.parseFrom(body));
				yield ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
			}
		};
		respond(exchange, 200, response);
	}

	/**
	 * Whether the request asks to switch protocols, which OTLP servers (Node's among
	 * them) refuse on a POST with a body.
	 */
	private static boolean asksForUpgrade(HttpExchange exchange) {
		String connection = String.valueOf(exchange.getRequestHeaders().getFirst("Connection"));
		return exchange.getRequestHeaders().containsKey("Upgrade")
				|| exchange.getRequestHeaders().containsKey("HTTP2-Settings")
				|| connection.toLowerCase(Locale.ROOT).contains("upgrade");
	}

	/**
	 * Records the request with its answer, then answers, so a client never sees an
	 * unrecorded answer.
	 */
	private void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
		this.requestLog.add(new ReceivedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
				headers(exchange), status));
		if (body == null || body.length == 0) {
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
	}

	private static Map<String, List<String>> headers(HttpExchange exchange) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders()
			.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
		return headers;
	}

	private void storeLogs(ExportLogsServiceRequest request) {
		for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
			for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
				for (LogRecord record : scopeLogs.getLogRecordsList()) {
					this.logRecords.add(new ReceivedLogRecord(hex(record.getTraceId()), hex(record.getSpanId()),
							record.getEventName(), record.hasBody() ? String.valueOf(value(record.getBody())) : "",
							attributes(record.getAttributesList())));
				}
			}
		}
	}

	private void storeMetrics(ExportMetricsServiceRequest request) {
		for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
			for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
				for (Metric metric : scopeMetrics.getMetricsList()) {
					this.metricNames.add(metric.getName());
				}
			}
		}
	}

	private static byte[] readBody(HttpExchange exchange) throws IOException {
		InputStream body = exchange.getRequestBody();
		if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
			body = new GZIPInputStream(body);
		}
		return body.readAllBytes();
	}

	private void store(ExportTraceServiceRequest request) {
		for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
			Map<String, Object> resource = attributes(resourceSpans.getResource().getAttributesList());
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				String scope = scopeSpans.getScope().getName();
				for (Span span : scopeSpans.getSpansList()) {
					this.spans.add(decode(span, resource, scope));
				}
			}
		}
	}

	private static ReceivedSpan decode(Span span, Map<String, Object> resource, String scope) {
		List<ReceivedSpan.ReceivedEvent> events = span.getEventsList()
			.stream()
			.map((event) -> new ReceivedSpan.ReceivedEvent(event.getName(), attributes(event.getAttributesList())))
			.toList();
		List<ReceivedSpan.ReceivedLink> links = span.getLinksList()
			.stream()
			.map((link) -> new ReceivedSpan.ReceivedLink(hex(link.getTraceId()), hex(link.getSpanId()),
					attributes(link.getAttributesList())))
			.toList();
		return new ReceivedSpan(hex(span.getTraceId()), hex(span.getSpanId()), hex(span.getParentSpanId()),
				span.getName(), span.getKind().name(), span.getStatus().getCode().name(), span.getStatus().getMessage(),
				span.getStartTimeUnixNano(), span.getEndTimeUnixNano(), attributes(span.getAttributesList()), events,
				links, resource, scope);
	}

	private static String hex(ByteString bytes) {
		return HexFormat.of().formatHex(bytes.toByteArray());
	}

	private static Map<String, Object> attributes(List<KeyValue> keyValues) {
		Map<String, Object> result = new LinkedHashMap<>();
		for (KeyValue keyValue : keyValues) {
			result.put(keyValue.getKey(), value(keyValue.getValue()));
		}
		return result;
	}

	private static Object value(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case INT_VALUE -> value.getIntValue();
			case DOUBLE_VALUE -> value.getDoubleValue();
			case BOOL_VALUE -> value.getBoolValue();
			case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpTestReceiver::value).toList();
			case KVLIST_VALUE -> attributes(value.getKvlistValue().getValuesList());
			case BYTES_VALUE -> value.getBytesValue().toByteArray();
			default -> null;
		};
	}

	/**
	 * Everything received so far.
	 * @return a snapshot of the spans
	 */
	public List<ReceivedSpan> spans() {
		return List.copyOf(this.spans);
	}

	/**
	 * The spans of one trace.
	 * @param traceId the trace id in hex
	 * @return the spans
	 */
	public List<ReceivedSpan> trace(String traceId) {
		return this.spans.stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	/**
	 * The log records received so far.
	 * @return a snapshot
	 */
	public List<ReceivedLogRecord> logRecords() {
		return List.copyOf(this.logRecords);
	}

	/**
	 * The names of the metrics received so far.
	 * @return a snapshot
	 */
	public Set<String> metricNames() {
		return Set.copyOf(this.metricNames);
	}

	/**
	 * Every request received so far, with its path, headers and answer.
	 * @return a snapshot
	 */
	public List<ReceivedRequest> requests() {
		return List.copyOf(this.requestLog);
	}

	/**
	 * Waits until a condition over the receiver holds, polling.
	 * @param condition the condition
	 * @param timeout how long to wait
	 * @param what what was awaited, for the failure message
	 * @throws AssertionError with the requests seen, on timeout
	 */
	public void await(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("OTLP receiver timed out after " + timeout + " waiting for " + what
						+ "; requests: "
						+ requests().stream()
							.map((request) -> request.method() + " " + request.path() + " -> " + request.status())
							.collect(Collectors.joining(", ")));
			}
			try {
				Thread.sleep(POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("interrupted", ex);
			}
		}
	}

	/**
	 * The number of export requests received, answered or not.
	 * @return the count
	 */
	public int requestCount() {
		return this.requests.get();
	}

	/**
	 * Forgets the spans received so far.
	 */
	public void clear() {
		this.spans.clear();
		this.logRecords.clear();
		this.metricNames.clear();
		this.requestLog.clear();
		this.bodies.clear();
	}

	/**
	 * Whether the raw protobuf bytes of any accepted export request hold the text,
	 * encoded as UTF-8: a check that does not depend on decoding, for content that must
	 * never be exported in any attribute, event or resource.
	 * @param text the text
	 * @return whether any export request holds it
	 */
	public boolean rawExportContains(String text) {
		byte[] needle = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		for (byte[] body : this.bodies) {
			if (indexOf(body, needle) >= 0) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The number of accepted export requests whose raw bytes were kept.
	 * @return the count
	 */
	public int rawExportCount() {
		return this.bodies.size();
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int k = 0; k < needle.length; k++) {
				if (haystack[i + k] != needle[k]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/**
	 * Waits until the received spans satisfy the condition, polling.
	 * @param condition the condition over all spans received
	 * @param timeout how long to wait
	 * @return the spans when the condition held
	 * @throws AssertionError with a summary of what arrived, on timeout
	 */
	public List<ReceivedSpan> awaitSpans(Predicate<List<ReceivedSpan>> condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			List<ReceivedSpan> snapshot = spans();
			if (condition.test(snapshot)) {
				return snapshot;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("OTLP receiver timed out after " + timeout + "; received " + snapshot.size()
						+ " span(s) in " + requestCount() + " request(s): "
						+ snapshot.stream()
							.map((span) -> span.name() + "[" + span.kind() + "]")
							.collect(Collectors.joining(", ")));
			}
			try {
				Thread.sleep(POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("interrupted", ex);
			}
		}
	}

	/**
	 * Waits for at least {@code count} spans.
	 * @param count the minimum number of spans
	 * @param timeout how long to wait
	 * @return the spans
	 */
	public List<ReceivedSpan> awaitSpanCount(int count, Duration timeout) {
		return awaitSpans((received) -> received.size() >= count, timeout);
	}

	/**
	 * Waits for a span with the given name.
	 * @param name the span name
	 * @param timeout how long to wait
	 * @return the span
	 */
	public ReceivedSpan awaitSpanNamed(String name, Duration timeout) {
		return awaitSpans((received) -> received.stream().anyMatch((span) -> span.name().equals(name)), timeout)
			.stream()
			.filter((span) -> span.name().equals(name))
			.findFirst()
			.orElseThrow();
	}

	@Override
	public void close() {
		mode(Mode.ACCEPT);
		this.server.stop(0);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
