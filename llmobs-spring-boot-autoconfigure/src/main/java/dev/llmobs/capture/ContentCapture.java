package dev.llmobs.capture;

import java.io.Writer;

import tools.jackson.core.JsonGenerator;

/**
 * Turns values into attribute text under one {@link CaptureOptions}.
 * <p>
 * In {@link CaptureMode#FULL full} mode text is redacted, then cut at {@code maxLength}
 * with the marker {@code …[truncated N chars]}. Writing is bounded: a value is serialized
 * into a writer that stops the serializer a little past the limit (the lookahead lets a
 * secret that straddles the cut still be recognized), so a 10 MB argument costs about
 * what a 4 KB one does. For text the total length is known and {@code N} is exact; for an
 * object whose serialization was stopped the total is unknown, and the marker reads
 * {@code …[truncated N+ chars]} with {@code N} the characters seen past the limit. In
 * {@link CaptureMode#HASH hash} mode the full text is streamed into a SHA-256 digest
 * without being built. Values that cannot be serialized (cycles, failing getters) become
 * {@code [unserializable: Type]}; binary data and streams are never read. A text found
 * clean (nothing to redact) twice is remembered, within bounds, and returned without
 * another scan (see {@link CleanTexts}). Thread-safe.
 */
public final class ContentCapture {

	static final int LOOKAHEAD = 256;

	private static final String ELLIPSIS = "\u2026";

	private final CaptureOptions options;

	private final CaptureListener listener;

	private final CleanTexts cleanTexts = new CleanTexts();

	/**
	 * Creates a capture.
	 * @param options the options
	 * @param listener told about truncations, redactions and failures
	 */
	public ContentCapture(CaptureOptions options, CaptureListener listener) {
		this.options = options;
		this.listener = listener;
	}

	/**
	 * The options in use.
	 * @return the options
	 */
	public CaptureOptions options() {
		return this.options;
	}

	/**
	 * Captures one value: text as itself ({@code text/plain}), anything else as JSON.
	 * @param value the value, possibly {@code null}
	 * @return the captured content, or {@code null} in {@link CaptureMode#NONE none} mode
	 */
	public CapturedContent capture(Object value) {
		if (this.options.mode() == CaptureMode.NONE) {
			return null;
		}
		if (value == null) {
			return new CapturedContent("null", CapturedContent.JSON, false);
		}
		if (value instanceof CharSequence text && this.options.mode() == CaptureMode.HASH) {
			return new CapturedContent(hashText(text), CapturedContent.TEXT, false);
		}
		return captureValue(value, this.listener);
	}

	/**
	 * Captures one value as {@link #capture(Object)} does, once per trace: a deeply
	 * immutable value (a string, a record of strings and numbers) captured before in the
	 * same trace, whole and with nothing redacted, gives the same content again without
	 * being serialized and scanned a second time.
	 * @param value the value, possibly {@code null}
	 * @param memo the trace's captures, or {@code null} outside a trace that keeps them
	 * @return the captured content, or {@code null} in {@link CaptureMode#NONE none} mode
	 */
	public CapturedContent capture(Object value, CaptureMemo memo) {
		if (memo == null || value == null || this.options.mode() != CaptureMode.FULL) {
			return capture(value);
		}
		if (!ImmutableValues.isDeeplyImmutable(value.getClass())) {
			// not kept whole, but lists of immutable values inside it are (see
			// CaptureMemo)
			return captureValue(value, this.listener, memo);
		}
		CapturedContent known = memo.find(this, value);
		if (known != null) {
			return known;
		}
		EventNotingListener noting = new EventNotingListener(this.listener);
		CapturedContent captured = captureValue(value, noting, memo);
		if (!noting.noted()) {
			memo.remember(this, value, captured);
		}
		return captured;
	}

	/** Text as itself, anything else as JSON (hashed in hash mode). */
	private CapturedContent captureValue(Object value, CaptureListener listener) {
		return captureValue(value, listener, null);
	}

	private CapturedContent captureValue(Object value, CaptureListener listener, CaptureMemo memo) {
		return (value instanceof CharSequence text) ? fullText(text, CapturedContent.TEXT, listener)
				: json(value.getClass(), (generator) -> generator.writePOJO(value), listener, memo);
	}

	/**
	 * Captures several named values as one JSON object keyed by name.
	 * @param names the names
	 * @param values the values, in the same order
	 * @return the captured content, or {@code null} in {@link CaptureMode#NONE none} mode
	 */
	public CapturedContent captureNamed(String[] names, Object[] values) {
		return captureNamed(names, values, null);
	}

	/**
	 * Captures several named values as {@link #captureNamed(String[], Object[])} does,
	 * writing a list of deeply immutable values captured before in the same trace as it
	 * was written then (see {@link CaptureMemo}).
	 * @param names the names
	 * @param values the values, in the same order
	 * @param memo the trace's captures, or {@code null} outside a trace that keeps them
	 * @return the captured content, or {@code null} in {@link CaptureMode#NONE none} mode
	 */
	public CapturedContent captureNamed(String[] names, Object[] values, CaptureMemo memo) {
		if (this.options.mode() == CaptureMode.NONE) {
			return null;
		}
		return json(Object[].class, (generator) -> {
			generator.writeStartObject();
			for (int i = 0; i < names.length; i++) {
				generator.writeName(names[i]);
				generator.writePOJO(values[i]);
			}
			generator.writeEndObject();
		}, this.listener, memo);
	}

	/**
	 * Captures text known to be text, such as a message or a document's content.
	 * @param text the text, possibly {@code null}
	 * @return the redacted and truncated (or hashed) text, or {@code null} when the text
	 * is {@code null} or the mode is {@link CaptureMode#NONE none}
	 */
	public String captureText(CharSequence text) {
		if (text == null || this.options.mode() == CaptureMode.NONE) {
			return null;
		}
		return (this.options.mode() == CaptureMode.HASH) ? hashText(text) : fullText(text, CapturedContent.TEXT).text();
	}

	/**
	 * Captures text as {@link #captureText(CharSequence)} does, once per trace (see
	 * {@link #capture(Object, CaptureMemo)}).
	 * @param text the text, possibly {@code null}
	 * @param memo the trace's captures, or {@code null} outside a trace that keeps them
	 * @return the redacted and truncated (or hashed) text, or {@code null} when the text
	 * is {@code null} or the mode is {@link CaptureMode#NONE none}
	 */
	public String captureText(CharSequence text, CaptureMemo memo) {
		if (text instanceof String string && memo != null && this.options.mode() == CaptureMode.FULL) {
			return capture(string, memo).text();
		}
		return captureText(text);
	}

	/**
	 * Captures text that recurs across requests, such as a prompt template or a retrieved
	 * document's content, as {@link #captureText(CharSequence)} does. A text with nothing
	 * to redact is remembered at its first capture (see {@link CleanTexts}), and the next
	 * capture of an equal text returns it without scanning it again; it is still cut at
	 * the limit every time.
	 * @param text the text, possibly {@code null}
	 * @return the redacted and truncated (or hashed) text, or {@code null} when the text
	 * is {@code null} or the mode is {@link CaptureMode#NONE none}
	 */
	public String captureRecurringText(CharSequence text) {
		if (text == null || this.options.mode() != CaptureMode.FULL) {
			return captureText(text);
		}
		return fullText(text, CapturedContent.TEXT, this.listener, true).text();
	}

	boolean remembersAsClean(String text) {
		return this.cleanTexts.contains(text);
	}

	/**
	 * Captures text of a known type, such as a tool call's JSON arguments: redacted and
	 * truncated, or hashed, as {@link #captureText(CharSequence)} does.
	 * @param text the text, possibly {@code null}
	 * @param mimeType the text's type when it is kept ({@link CapturedContent#TEXT} or
	 * {@link CapturedContent#JSON}); hashed text is always plain text
	 * @return the captured content, or {@code null} when the text is {@code null} or the
	 * mode is {@link CaptureMode#NONE none}
	 */
	public CapturedContent captureText(CharSequence text, String mimeType) {
		if (text == null || this.options.mode() == CaptureMode.NONE) {
			return null;
		}
		return (this.options.mode() == CaptureMode.HASH)
				? new CapturedContent(hashText(text), CapturedContent.TEXT, false) : fullText(text, mimeType);
	}

	/**
	 * Redacts text in every mode, without truncating or hashing it: for values that are
	 * not content but may carry it, such as metadata and evaluation explanations.
	 * @param text the text, possibly {@code null}
	 * @return the redacted text, or {@code null}
	 */
	public String redact(CharSequence text) {
		return (text != null) ? this.options.redactor().redact(text, this.listener) : null;
	}

	private CapturedContent fullText(CharSequence text, String mimeType) {
		return fullText(text, mimeType, this.listener);
	}

	private CapturedContent fullText(CharSequence text, String mimeType, CaptureListener listener) {
		return fullText(text, mimeType, listener, false);
	}

	private CapturedContent fullText(CharSequence text, String mimeType, CaptureListener listener,
			boolean knownToRecur) {
		int keep = this.options.maxLength() + LOOKAHEAD;
		boolean cutBeforeRedaction = text.length() > keep;
		CharSequence head = cutBeforeRedaction ? text.subSequence(0, keep) : text;
		String redacted = redactUnlessKnownClean(head, listener, knownToRecur);
		long unseen = cutBeforeRedaction ? text.length() - keep : 0;
		return truncate(redacted, unseen, false, mimeType, listener);
	}

	/**
	 * Redacts the text, unless it was found clean before (see {@link CleanTexts}): then
	 * it is returned as it is, which is what scanning it again would return. A clean text
	 * known to recur is remembered at once, any other when found clean a second time.
	 */
	private String redactUnlessKnownClean(CharSequence text, CaptureListener listener, boolean knownToRecur) {
		if (!(text instanceof String string)) {
			return this.options.redactor().redact(text, listener);
		}
		if (this.cleanTexts.contains(string)) {
			return string;
		}
		String redacted = this.options.redactor().redact(string, listener);
		if (redacted.equals(string)) {
			if (knownToRecur) {
				this.cleanTexts.add(string);
			}
			else {
				this.cleanTexts.offer(string);
			}
		}
		return redacted;
	}

	private CapturedContent truncate(String redacted, long unseen, boolean unseenIsLowerBound, String mimeType,
			CaptureListener listener) {
		int max = this.options.maxLength();
		if (redacted.length() <= max && unseen == 0) {
			return new CapturedContent(redacted, mimeType, false);
		}
		int cut = Math.min(max, redacted.length());
		if (cut > 0 && Character.isHighSurrogate(redacted.charAt(cut - 1))) {
			cut--;
		}
		long removed = (redacted.length() - cut) + unseen;
		listener.truncated();
		String marker = ELLIPSIS + "[truncated " + removed + (unseenIsLowerBound ? "+" : "") + " chars]";
		return new CapturedContent(redacted.substring(0, cut) + marker, mimeType, true);
	}

	private CapturedContent json(Class<?> type, JsonWriting writing, CaptureListener listener, CaptureMemo memo) {
		if (this.options.mode() == CaptureMode.HASH) {
			return hashJson(writing, type);
		}
		BoundedWriter writer = new BoundedWriter(this.options.maxLength() + LOOKAHEAD, memo);
		String failure = writeJson(writing, writer, type, listener);
		if (failure != null) {
			return new CapturedContent(failure, CapturedContent.TEXT, false);
		}
		String redacted = redactUnlessKnownClean(writer.text(), listener, false);
		long unseen = writer.limitReached() ? writer.offered() - writer.length() : 0;
		return truncate(redacted, unseen, writer.limitReached(), CapturedContent.JSON, listener);
	}

	/**
	 * Writes JSON into the writer; returns a failure marker, or {@code null} on success
	 * or when the writer stopped the serializer at its limit.
	 */
	String writeJson(JsonWriting writing, Writer writer, Class<?> type) {
		return writeJson(writing, writer, type, this.listener);
	}

	private String writeJson(JsonWriting writing, Writer writer, Class<?> type, CaptureListener listener) {
		try (JsonGenerator generator = CaptureJson.MAPPER.createGenerator(writer)) {
			writing.write(generator);
		}
		catch (RuntimeException | StackOverflowError ex) {
			if (writer instanceof BoundedWriter bounded && bounded.limitReached()) {
				return null;
			}
			listener.failed(type);
			return "[unserializable: " + type.getSimpleName() + "]";
		}
		return null;
	}

	private static String hashText(CharSequence text) {
		DigestWriter writer = new DigestWriter(text.length());
		writer.writeAll(text);
		return writer.hash();
	}

	private CapturedContent hashJson(JsonWriting writing, Class<?> type) {
		DigestWriter writer = new DigestWriter(this.options.maxLength());
		String failure = writeJson(writing, writer, type);
		if (failure != null) {
			return new CapturedContent(failure, CapturedContent.TEXT, false);
		}
		return new CapturedContent(writer.hash(), CapturedContent.JSON, false);
	}

	/** Passes events on, and notes that there were some. */
	private static final class EventNotingListener implements CaptureListener {

		private final CaptureListener delegate;

		private boolean noted;

		EventNotingListener(CaptureListener delegate) {
			this.delegate = delegate;
		}

		boolean noted() {
			return this.noted;
		}

		@Override
		public void truncated() {
			this.noted = true;
			this.delegate.truncated();
		}

		@Override
		public void redacted(RedactionKind kind, int count) {
			this.noted = true;
			this.delegate.redacted(kind, count);
		}

		@Override
		public void failed(Class<?> type) {
			this.noted = true;
			this.delegate.failed(type);
		}

	}

	@FunctionalInterface
	interface JsonWriting {

		void write(JsonGenerator generator);

	}

}
