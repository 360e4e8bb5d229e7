package dev.llmobs.capture;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ContentCaptureTests {

	private static final String ELLIPSIS = "\u2026";

	private final RecordingListener listener = new RecordingListener();

	private final ContentCapture full = capture(CaptureMode.FULL, 4000);

	private ContentCapture capture(CaptureMode mode, int maxLength) {
		return new ContentCapture(
				new CaptureOptions(mode, maxLength, Redactor.of(Set.of(RedactionKind.SECRETS), List.of())),
				this.listener);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void textIsCapturedAsItselfWithPlainTextMimeType() {
		assertThat(this.full.capture("hello")).isEqualTo(new CapturedContent("hello", "text/plain", false));
		assertThat(this.listener.truncations).isZero();
	}

	@Test
	void stringBuilderIsCapturedAsText() {
		assertThat(this.full.capture(new StringBuilder("built")))
			.isEqualTo(new CapturedContent("built", CapturedContent.TEXT, false));
	}

	@Test
	void objectIsCapturedAsJsonWithJsonMimeType() {
		assertThat(this.full.capture(new Holder("hi")))
			.isEqualTo(new CapturedContent("{\"text\":\"hi\"}", "application/json", false));
	}

	@Test
	void nullIsCapturedAsJsonNull() {
		assertThat(this.full.capture(null)).isEqualTo(new CapturedContent("null", "application/json", false));
	}

	@Test
	void textLongerThanTheLimitEndsWithExactTruncationMarker() {
		CapturedContent content = capture(CaptureMode.FULL, 10).capture("0123456789abcdef");
		assertThat(content.text()).isEqualTo("0123456789\u2026[truncated 6 chars]");
		assertThat(content.mimeType()).isEqualTo(CapturedContent.TEXT);
		assertThat(content.truncated()).isTrue();
		assertThat(this.listener.truncations).isEqualTo(1);
	}

	@Test
	void textExactlyAtTheLimitIsNotTruncated() {
		CapturedContent content = capture(CaptureMode.FULL, 10).capture("0123456789");
		assertThat(content).isEqualTo(new CapturedContent("0123456789", CapturedContent.TEXT, false));
		assertThat(this.listener.truncations).isZero();
	}

	@Test
	void tenMegabyteStringIsCutAtTheLimitWithTheExactCount() {
		String huge = "y".repeat(10 * 1024 * 1024);
		CapturedContent content = this.full.capture(huge);
		String marker = ELLIPSIS + "[truncated " + (huge.length() - 4000) + " chars]";
		assertThat(content.text()).isEqualTo("y".repeat(4000) + marker);
		assertThat(content.text().length()).isLessThanOrEqualTo(4000 + marker.length());
		assertThat(content.truncated()).isTrue();
		assertThat(this.listener.truncations).isEqualTo(1);
	}

	@Test
	void recordHoldingTenMegabytesIsMarkedAsALowerBound() {
		Holder holder = new Holder("z".repeat(10 * 1024 * 1024));
		CapturedContent content = this.full.capture(holder);
		assertThat(content.mimeType()).isEqualTo(CapturedContent.JSON);
		assertThat(content.truncated()).isTrue();
		assertThat(content.text()).startsWith("{\"text\":\"zzz")
			.matches("(?s)[^\u2026]{4000}\u2026\\[truncated \\d+\\+ chars\\]");
		BoundedWriter writer = new BoundedWriter(4000 + ContentCapture.LOOKAHEAD);
		this.full.writeJson((generator) -> generator.writePOJO(holder), writer, Holder.class);
		String expectedPrefix = "{\"text\":\"" + "z".repeat(4000 - "{\"text\":\"".length());
		assertThat(content.text())
			.isEqualTo(expectedPrefix + ELLIPSIS + "[truncated " + (writer.offered() - 4000) + "+ chars]");
	}

	@Test
	void serializerOfATenMegabyteRecordStopsEarly() {
		Holder holder = new Holder("z".repeat(10 * 1024 * 1024));
		BoundedWriter writer = new BoundedWriter(4256);
		String failure = this.full.writeJson((generator) -> generator.writePOJO(holder), writer, Holder.class);
		assertThat(failure).isNull();
		assertThat(writer.limitReached()).isTrue();
		assertThat(writer.text()).hasSize(4256);
		assertThat(writer.offered()).isGreaterThanOrEqualTo(4256).isLessThan(65536);
		assertThat(this.listener.failures).isEmpty();
	}

	@Test
	void secretStraddlingTheCutIsRedactedBeforeTruncation() {
		int maxLength = 100;
		String key = "sk-abcdefghijklmnopqrstuvwxyz";
		String text = "x".repeat(maxLength - 6) + " " + key + " " + "y".repeat(50);
		assertThat(text.indexOf(key)).isEqualTo(maxLength - 5);
		CapturedContent content = capture(CaptureMode.FULL, maxLength).capture(text);
		String redacted = "x".repeat(94) + " [REDACTED:secret] " + "y".repeat(50);
		assertThat(content.text()).isEqualTo(redacted.substring(0, maxLength) + ELLIPSIS + "[truncated "
				+ (redacted.length() - maxLength) + " chars]");
		assertThat(content.text()).doesNotContain("sk-");
		assertThat(this.listener.redactions).containsExactly(RedactionKind.SECRETS);
	}

	@Test
	void secretInsideJsonStraddlingTheCutIsRedacted() {
		Holder holder = new Holder("x".repeat(85) + " sk-abcdefghijklmnopqrstuvwxyz " + "y".repeat(500));
		CapturedContent content = capture(CaptureMode.FULL, 100).capture(holder);
		assertThat(content.text()).doesNotContain("sk-")
			.startsWith("{\"text\":\"" + "x".repeat(85) + " [REDA" + "\u2026[truncated ");
		assertThat(this.listener.redactions).containsExactly(RedactionKind.SECRETS);
	}

	@Test
	void hashModeRecordsSha256OfTheUtf8Text() {
		ContentCapture hashing = capture(CaptureMode.HASH, 10);
		String text = "Where is my order? \u00f1 \uD83D\uDE00 and sk-abcdefghijklmnopqrstuvwxyz";
		assertThat(hashing.capture(text)).isEqualTo(new CapturedContent("sha256:" + sha256(text), "text/plain", false));
		assertThat(hashing.captureText(text)).isEqualTo("sha256:" + sha256(text));
		assertThat(this.listener.truncations).isZero();
	}

	@Test
	void hashModeOfLongTextDigestsAllOfIt() {
		String text = "\u00e9".repeat(20_000) + "end";
		assertThat(capture(CaptureMode.HASH, 10).captureText(text)).isEqualTo("sha256:" + sha256(text))
			.isNotEqualTo("sha256:" + sha256("\u00e9".repeat(20_000)));
	}

	@Test
	void hashModeRecordsSha256OfTheObjectsJson() {
		CapturedContent content = capture(CaptureMode.HASH, 10).capture(Map.of("a", 1));
		assertThat(content).isEqualTo(new CapturedContent("sha256:" + sha256("{\"a\":1}"), "application/json", false));
	}

	@Test
	void noneModeCapturesNothing() {
		ContentCapture none = capture(CaptureMode.NONE, 10);
		assertThat(none.capture("secret")).isNull();
		assertThat(none.capture(Map.of("a", 1))).isNull();
		assertThat(none.capture(null)).isNull();
		assertThat(none.captureNamed(new String[] { "a" }, new Object[] { 1 })).isNull();
		assertThat(none.captureText("secret")).isNull();
	}

	@Test
	void selfReferencingBeanDegradesToUnserializableMarker() {
		Node node = new Node();
		node.next = node;
		CapturedContent content = this.full.capture(node);
		assertThat(content).isEqualTo(new CapturedContent("[unserializable: Node]", CapturedContent.TEXT, false));
		assertThat(this.listener.failures).containsExactly(Node.class);
	}

	@Test
	void cycleThroughTwoClassesDegradesToUnserializableMarker() {
		A a = new A();
		B b = new B();
		a.b = b;
		b.a = a;
		assertThat(this.full.capture(a).text()).isEqualTo("[unserializable: A]");
		assertThat(this.listener.failures).containsExactly(A.class);
	}

	@Test
	void cycleInHashModeDegradesToUnserializableMarker() {
		A a = new A();
		B b = new B();
		a.b = b;
		b.a = a;
		assertThat(capture(CaptureMode.HASH, 10).capture(a).text()).isEqualTo("[unserializable: A]");
		assertThat(this.listener.failures).containsExactly(A.class);
	}

	@Test
	void unserializableValueInHashModeIsPlainTextMarker() {
		CapturedContent content = capture(CaptureMode.HASH, 10).capture(new Broken());
		assertThat(content).isEqualTo(new CapturedContent("[unserializable: Broken]", CapturedContent.TEXT, false));
		assertThat(this.listener.failures).containsExactly(Broken.class);
	}

	@Test
	void hashModeOfLongCharSequenceDigestsItWithoutCopyingItWhole() {
		String text = "\u00e9".repeat(20_000) + "\uD83D\uDE00" + "end";
		ChunkOnlyText chunkOnly = new ChunkOnlyText(text);
		assertThat(capture(CaptureMode.HASH, 10).capture(chunkOnly))
			.isEqualTo(new CapturedContent("sha256:" + sha256(text), CapturedContent.TEXT, false));
		assertThat(chunkOnly.longestChunk).isLessThan(text.length());
	}

	@Test
	void datesAreWrittenAsIsoStrings() {
		Instant instant = Instant.parse("2024-05-06T07:08:09Z");
		Dated dated = new Dated(instant, LocalDate.of(2024, 5, 6), Date.from(instant));
		assertThat(this.full.capture(dated).text()).isEqualTo(
				"{\"instant\":\"2024-05-06T07:08:09Z\",\"day\":\"2024-05-06\",\"legacy\":\"2024-05-06T07:08:09.000Z\"}");
	}

	@Test
	void beanWhoseGetterThrowsDegradesToUnserializableMarker() {
		assertThat(this.full.capture(new Broken()).text()).isEqualTo("[unserializable: Broken]");
		assertThat(this.listener.failures).containsExactly(Broken.class);
	}

	@Test
	void floatingPointNumbersAreWrittenAsTextThatReadsBackAsThemselves() {
		java.util.Random random = new java.util.Random(24);
		double[] doubles = new double[200];
		float[] floats = new float[200];
		for (int i = 0; i < doubles.length; i++) {
			doubles[i] = (i < 100) ? random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20)
					: Double.longBitsToDouble(random.nextLong());
			floats[i] = (float) random.nextGaussian();
		}
		double[] plain = { 3.8374626636505127, 0.1, 1.0E-5, 0.0, -0.0 };
		System.arraycopy(plain, 0, doubles, 0, plain.length);
		String json = capture(CaptureMode.FULL, 100_000)
			.captureNamed(new String[] { "doubles", "floats" }, new Object[] { doubles, floats })
			.text();
		assertThat(json).startsWith("{\"doubles\":[3.8374626636505127,0.1,1.0E-5,0.0,-0.0,");
		String[] writtenDoubles = json.substring(json.indexOf('[') + 1, json.indexOf(']')).split(",");
		String[] writtenFloats = json.substring(json.lastIndexOf('[') + 1, json.lastIndexOf(']')).split(",");
		assertThat(writtenDoubles).hasSize(doubles.length);
		for (int i = 0; i < doubles.length; i++) {
			if (Double.isFinite(doubles[i])) {
				assertThat(Double.parseDouble(writtenDoubles[i])).isEqualTo(doubles[i]);
				assertThat(writtenDoubles[i].length()).isLessThanOrEqualTo(Double.toString(doubles[i]).length());
			}
			assertThat(Float.parseFloat(writtenFloats[i])).isEqualTo(floats[i]);
		}
	}

	@Test
	void byteArrayIsWrittenAsItsSizeInsideJson() {
		assertThat(this.full.capture(new Pair(new byte[] { 1, 2, 3 }, "x")).text())
			.isEqualTo("{\"left\":\"[binary 3 bytes]\",\"right\":\"x\"}");
		assertThat(this.full.capture(new byte[] { 1, 2, 3 }).text()).isEqualTo("\"[binary 3 bytes]\"");
	}

	@Test
	void inputStreamArgumentIsNeverRead() {
		RecordingStream stream = new RecordingStream();
		CapturedContent content = this.full.captureNamed(new String[] { "upload", "n" }, new Object[] { stream, 1 });
		assertThat(content.text()).isEqualTo("{\"upload\":\"[not captured: RecordingStream]\",\"n\":1}");
		assertThat(this.full.capture(stream).text()).isEqualTo("\"[not captured: RecordingStream]\"");
		assertThat(capture(CaptureMode.HASH, 10).capture(stream).text()).startsWith("sha256:");
		assertThat(stream.reads).isZero();
	}

	@Test
	void namedValuesBecomeOneJsonObjectInOrder() {
		assertThat(this.full.captureNamed(new String[] { "q", "k" }, new Object[] { "hi", 3 }))
			.isEqualTo(new CapturedContent("{\"q\":\"hi\",\"k\":3}", "application/json", false));
	}

	@Test
	void namedValuesAreRedacted() {
		assertThat(
				this.full.captureNamed(new String[] { "key" }, new Object[] { "sk-abcdefghijklmnopqrstuvwxyz" }).text())
			.isEqualTo("{\"key\":\"[REDACTED:secret]\"}");
	}

	@Test
	void recordFieldsNamedLikeSecretsAreRedactedKeepingTheJsonValid() {
		assertThat(this.full.capture(new Login("alice", "hunter22")).text())
			.isEqualTo("{\"user\":\"alice\",\"password\":\"[REDACTED:secret]\"}");
		assertThat(this.full.captureNamed(new String[] { "user", "apiKey" }, new Object[] { "alice", "abc123" }).text())
			.isEqualTo("{\"user\":\"alice\",\"apiKey\":\"[REDACTED:secret]\"}");
	}

	@Test
	void capturedTextIsRedactedThenTruncated() {
		assertThat(capture(CaptureMode.FULL, 12).captureText("key sk-abcdefghijklmnopqrstuvwxyz here"))
			.isEqualTo("key [REDACTE\u2026[truncated 14 chars]");
		assertThat(this.listener.redactions).containsExactly(RedactionKind.SECRETS);
		assertThat(this.listener.truncations).isEqualTo(1);
	}

	@Test
	void capturedTextOfNullIsNull() {
		assertThat(this.full.captureText(null)).isNull();
	}

	@Test
	void surrogatePairAtTheCutIsNotSplit() {
		String text = "abcd\uD83D\uDE00efgh";
		String captured = capture(CaptureMode.FULL, 5).capture(text).text();
		assertThat(captured).isEqualTo("abcd\u2026[truncated 6 chars]");
	}

	@Test
	void surrogatePairEndingAtTheCutIsKept() {
		String text = "abc\uD83D\uDE00efgh";
		assertThat(capture(CaptureMode.FULL, 5).capture(text).text())
			.isEqualTo("abc\uD83D\uDE00\u2026[truncated 4 chars]");
	}

	@Test
	void nonPositiveMaxLengthIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CaptureOptions(CaptureMode.FULL, 0, Redactor.none()))
			.withMessageContaining("0");
	}

	@Test
	void defaultsCaptureFourThousandCharactersAndRedactSecretsAndCards() {
		CaptureOptions defaults = CaptureOptions.defaults();
		assertThat(defaults.mode()).isEqualTo(CaptureMode.FULL);
		assertThat(defaults.maxLength()).isEqualTo(4000);
		assertThat(defaults.redactor()
			.redact("sk-abcdefghijklmnopqrstuvwxyz 4111 1111 1111 1111 a@example.com", CaptureListener.NONE))
			.isEqualTo("[REDACTED:secret] [REDACTED:credit-card] a@example.com");
	}

	record Login(String user, String password) {
	}

	record Holder(String text) {
	}

	record Dated(Instant instant, LocalDate day, Date legacy) {
	}

	/** A CharSequence that can only be read in pieces: its whole text is never built. */
	static final class ChunkOnlyText implements CharSequence {

		private final String text;

		int longestChunk;

		ChunkOnlyText(String text) {
			this.text = text;
		}

		@Override
		public int length() {
			return this.text.length();
		}

		@Override
		public char charAt(int index) {
			return this.text.charAt(index);
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			this.longestChunk = Math.max(this.longestChunk, end - start);
			return this.text.substring(start, end);
		}

		@Override
		public String toString() {
			throw new AssertionError("the whole text was built");
		}

	}

	record Pair(Object left, Object right) {
	}

	static class Node {

		public Node next;

	}

	static class A {

		public B b;

	}

	static class B {

		public A a;

	}

	static class Broken {

		public String getValue() {
			throw new IllegalStateException("lazy proxy not initialized");
		}

	}

	static class RecordingStream extends InputStream {

		int reads;

		@Override
		public int read() {
			this.reads++;
			return -1;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			this.reads++;
			return -1;
		}

		@Override
		public byte[] readAllBytes() {
			this.reads++;
			return new byte[0];
		}

	}

	static final class RecordingListener implements CaptureListener {

		final List<Class<?>> failures = new ArrayList<>();

		final List<RedactionKind> redactions = new ArrayList<>();

		int truncations;

		@Override
		public void truncated() {
			this.truncations++;
		}

		@Override
		public void redacted(RedactionKind kind, int count) {
			this.redactions.add(kind);
		}

		@Override
		public void failed(Class<?> type) {
			this.failures.add(type);
		}

	}

}
