package dev.llmobs.capture;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentCaptureTests {

	private final List<Class<?>> failures = new ArrayList<>();

	private int truncations;

	private final CaptureListener listener = new CaptureListener() {
		@Override
		public void truncated() {
			ContentCaptureTests.this.truncations++;
		}

		@Override
		public void failed(Class<?> type) {
			ContentCaptureTests.this.failures.add(type);
		}
	};

	private ContentCapture capture(CaptureMode mode, int maxLength) {
		return new ContentCapture(
				new CaptureOptions(mode, maxLength, Redactor.of(Set.of(RedactionKind.SECRETS), List.of())),
				this.listener);
	}

	private final ContentCapture full = capture(CaptureMode.FULL, 4000);

	record Holder(String text) {
	}

	record Pair(Object left, Object right) {
	}

	static class Node {

		public Node next;

	}

	static class Broken {

		public String getValue() {
			throw new IllegalStateException("lazy proxy not initialized");
		}

	}

	static class CountingStream extends ByteArrayInputStream {

		int reads;

		CountingStream() {
			super(new byte[] { 1, 2, 3 });
		}

		@Override
		public synchronized int read() {
			this.reads++;
			return super.read();
		}

		@Override
		public synchronized int read(byte[] b, int off, int len) {
			this.reads++;
			return super.read(b, off, len);
		}

	}

	@Test
	void textIsCapturedAsItself() {
		assertThat(this.full.capture("hello")).isEqualTo(new CapturedContent("hello", "text/plain", false));
	}

	@Test
	void objectsAreCapturedAsJson() {
		assertThat(this.full.capture(new Holder("hi")))
			.isEqualTo(new CapturedContent("{\"text\":\"hi\"}", "application/json", false));
		assertThat(this.full.capture(null)).isEqualTo(new CapturedContent("null", "application/json", false));
	}

	@Test
	void truncationMarkerCountsTheCutCharacters() {
		CapturedContent content = capture(CaptureMode.FULL, 10).capture("0123456789abcdef");
		assertThat(content.text()).isEqualTo("0123456789\u2026[truncated 6 chars]");
		assertThat(content.truncated()).isTrue();
		assertThat(this.truncations).isEqualTo(1);
	}

	@Test
	void tenMegabyteStringIsCutWithTheExactCount() {
		String huge = "y".repeat(10 * 1024 * 1024);
		CapturedContent content = this.full.capture(huge);
		assertThat(content.text()).startsWith("yyyy")
			.endsWith("\u2026[truncated " + (huge.length() - 4000) + " chars]")
			.hasSize(4000 + ("\u2026[truncated " + (huge.length() - 4000) + " chars]").length());
	}

	@Test
	void tenMegabyteFieldStopsTheSerializerEarly() {
		Holder holder = new Holder("z".repeat(10 * 1024 * 1024));
		BoundedWriter writer = new BoundedWriter(4000 + ContentCapture.LOOKAHEAD);
		String failure = this.full.writeJson((generator) -> generator.writePOJO(holder), writer, Holder.class);
		assertThat(failure).isNull();
		assertThat(writer.limitReached()).isTrue();
		assertThat(writer.offered()).isLessThan(64 * 1024);
		CapturedContent content = this.full.capture(holder);
		assertThat(content.text()).startsWith("{\"text\":\"zzz").matches("(?s).*\u2026\\[truncated \\d+\\+ chars\\]$");
		assertThat(content.text().length()).isLessThan(4100);
	}

	@Test
	void secretStraddlingTheCutIsStillRedacted() {
		String text = "x".repeat(94) + " sk-abcdefghijklmnopqrstuvwxyz " + "y".repeat(50);
		String captured = capture(CaptureMode.FULL, 100).capture(text).text();
		assertThat(captured).doesNotContain("sk-ab").startsWith("x".repeat(94) + " [RED");
	}

	@Test
	void hashModeDigestsTheFullText() throws Exception {
		ContentCapture hashing = capture(CaptureMode.HASH, 10);
		String text = "Where is my order? ñ";
		assertThat(hashing.capture(text).text()).isEqualTo("sha256:" + sha256(text));
		assertThat(hashing.capture(Map.of("a", 1)).text()).isEqualTo("sha256:" + sha256("{\"a\":1}"));
		assertThat(hashing.captureText(text)).isEqualTo("sha256:" + sha256(text));
	}

	private static String sha256(String text) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void noneModeCapturesNothing() {
		ContentCapture none = capture(CaptureMode.NONE, 10);
		assertThat(none.capture("secret")).isNull();
		assertThat(none.captureNamed(new String[] { "a" }, new Object[] { 1 })).isNull();
		assertThat(none.captureText("secret")).isNull();
	}

	@Test
	void selfReferenceDegradesToAMarker() {
		Node node = new Node();
		node.next = node;
		assertThat(this.full.capture(node).text()).isEqualTo("[unserializable: Node]");
		assertThat(this.failures).containsExactly(Node.class);
	}

	@Test
	void indirectCycleDegradesToAMarker() {
		Node a = new Node();
		Node b = new Node();
		a.next = b;
		b.next = a;
		assertThat(this.full.capture(a).text()).isEqualTo("[unserializable: Node]");
	}

	@Test
	void failingGetterDegradesToAMarker() {
		assertThat(this.full.capture(new Broken()).text()).isEqualTo("[unserializable: Broken]");
	}

	@Test
	void binaryAndStreamsAreNeverRead() {
		CountingStream stream = new CountingStream();
		CapturedContent content = this.full.capture(new Pair(new byte[] { 1, 2, 3 }, stream));
		assertThat(content.text())
			.isEqualTo("{\"left\":\"[binary 3 bytes]\",\"right\":\"[not captured: CountingStream]\"}");
		assertThat(stream.reads).isZero();
		InputStream direct = new CountingStream();
		assertThat(this.full.capture(direct).text()).isEqualTo("\"[not captured: CountingStream]\"");
	}

	@Test
	void namedValuesBecomeOneJsonObject() {
		assertThat(this.full.captureNamed(new String[] { "q", "k" }, new Object[] { "hi", 3 }))
			.isEqualTo(new CapturedContent("{\"q\":\"hi\",\"k\":3}", "application/json", false));
	}

	@Test
	void capturedTextIsRedactedAndTruncated() {
		assertThat(capture(CaptureMode.FULL, 12).captureText("key sk-abcdefghijklmnopqrstuvwxyz here"))
			.isEqualTo("key [REDACTE\u2026[truncated 14 chars]");
		assertThat(this.full.captureText(null)).isNull();
	}

	@Test
	void surrogatePairAtTheCutIsNotSplit() {
		String text = "abcd\uD83D\uDE00efgh";
		String captured = capture(CaptureMode.FULL, 5).capture(text).text();
		assertThat(captured).startsWith("abcd\u2026");
	}

}
