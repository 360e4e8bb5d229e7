package dev.llmobs.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded HTTP load run against the sample app on the loopback interface: a warm-up,
 * then a fixed number of {@code POST /api/chat} requests from a few client threads;
 * prints throughput and p50/p99 latency. Usage:
 * {@code HttpLoad <port> <label> [requests] [threads] [warm-up requests] [unique]}. The
 * questions cycle through five; with {@code unique} each one also carries its request
 * number, so no two requests ask the same question (the retrieved articles and the
 * offline model's answers still recur).
 */
public final class HttpLoad {

	private static final String[] QUESTIONS = { "How do I get a refund?", "How do I export my notes to PDF?",
			"Why are my notes not syncing?", "How much does the Team plan cost?", "How do I reset my password?" };

	private HttpLoad() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		String label = args[1];
		int requests = (args.length > 2) ? Integer.parseInt(args[2]) : 4000;
		int threads = (args.length > 3) ? Integer.parseInt(args[3]) : 4;
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		URI uri = URI.create("http://127.0.0.1:" + port + "/api/chat");
		int warmUp = (args.length > 4) ? Integer.parseInt(args[4]) : Math.max(500, requests / 4);
		boolean unique = args.length > 5 && "unique".equals(args[5]);
		if (warmUp > 0) {
			run(client, uri, warmUp, threads, unique);
		}
		long start = System.nanoTime();
		List<Long> latencies = run(client, uri, requests, threads, unique);
		double seconds = (System.nanoTime() - start) / 1e9;
		Collections.sort(latencies);
		System.out.printf(Locale.ROOT, "%-22s requests=%d threads=%d throughput=%.0f req/s p50=%.2f ms p99=%.2f ms%n",
				label, requests, threads, requests / seconds, percentile(latencies, 0.50) / 1e6,
				percentile(latencies, 0.99) / 1e6);
	}

	private static List<Long> run(HttpClient client, URI uri, int requests, int threads, boolean unique)
			throws Exception {
		// distinct across runs of one process and across the windows of a load run
		long base = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicInteger next = new AtomicInteger();
		List<Future<List<Long>>> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			workers.add(pool.submit(() -> {
				List<Long> latencies = new ArrayList<>();
				for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
					String question = QUESTIONS[i % QUESTIONS.length]
							+ (unique ? " (ticket " + base + "-" + i + ")" : "");
					String body = "{\"message\":\"" + question + "\"}";
					HttpRequest request = HttpRequest.newBuilder(uri)
						.timeout(Duration.ofSeconds(10))
						.header("Content-Type", "application/json")
						.header("X-Session-Id", "load-" + (i % 50))
						.header("X-User-Id", "user-" + (i % 20))
						.POST(HttpRequest.BodyPublishers.ofString(body))
						.build();
					long start = System.nanoTime();
					HttpResponse<String> response = send(client, request);
					latencies.add(System.nanoTime() - start);
					if (response.statusCode() != 200) {
						throw new IllegalStateException("HTTP " + response.statusCode());
					}
				}
				return latencies;
			}));
		}
		List<Long> all = new ArrayList<>();
		for (Future<List<Long>> worker : workers) {
			all.addAll(worker.get());
		}
		pool.shutdown();
		return all;
	}

	/**
	 * Sends once, and once more when the connection was closed under the request: Tomcat
	 * closes a kept-alive connection after 100 requests, and the JDK client does not
	 * retry a {@code POST} on a pooled connection that closed meanwhile.
	 */
	private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
	}

	private static double percentile(List<Long> sorted, double quantile) {
		return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * quantile) - 1));
	}

}
