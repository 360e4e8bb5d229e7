package dev.llmobs.capture;

import java.util.List;

/**
 * The captures already made in one trace, so that a value captured twice (the prompt a
 * task returns and a model call takes, the text a model call returns and its caller
 * passes on) is serialized and redacted once. Only deeply immutable values are kept (see
 * {@link ImmutableValues}), found by identity, and only when their capture was whole and
 * nothing in it was redacted: a later capture of the same value would have given the same
 * text and reported nothing. Holds the last few captures; lives as long as the trace's
 * accumulator.
 * <p>
 * It also keeps the JSON of lists of deeply immutable values met inside other values (the
 * retrieved articles in a task's arguments and again in the chain's answer), so that the
 * second capture writes the list's JSON as it was written the first time. A list is found
 * by identity and used again only while it holds the same elements: a list is not
 * immutable, so its elements are compared, by identity, with those it held when its JSON
 * was written. Only lists written whole are kept; redaction still scans the text they end
 * up in. Thread-safe.
 */
public final class CaptureMemo {

	private static final int SIZE = 8;

	private final Object[] values = new Object[SIZE];

	private final ContentCapture[] captures = new ContentCapture[SIZE];

	private final CapturedContent[] results = new CapturedContent[SIZE];

	private int next;

	/** The most elements a list may have for its JSON to be kept. */
	static final int MAX_LIST_SIZE = 64;

	private final List<?>[] lists = new List<?>[SIZE];

	private final Object[][] listElements = new Object[SIZE][];

	private final String[] listJson = new String[SIZE];

	private int nextList;

	synchronized CapturedContent find(ContentCapture capture, Object value) {
		for (int i = 0; i < SIZE; i++) {
			if (this.values[i] == value && this.captures[i] == capture) {
				return this.results[i];
			}
		}
		return null;
	}

	synchronized void remember(ContentCapture capture, Object value, CapturedContent result) {
		this.values[this.next] = value;
		this.captures[this.next] = capture;
		this.results[this.next] = result;
		this.next = (this.next + 1) % SIZE;
	}

	/**
	 * The elements of a list whose JSON can be kept: at most {@link #MAX_LIST_SIZE}, none
	 * of them {@code null} and all deeply immutable (see {@link ImmutableValues}).
	 * @param list the list
	 * @return the elements as they are now, or {@code null} when the list does not
	 * qualify
	 */
	static Object[] rememberableElements(List<?> list) {
		int size = list.size();
		if (size == 0 || size > MAX_LIST_SIZE) {
			return null;
		}
		Object[] elements = list.toArray();
		if (elements.length != size) {
			return null;
		}
		for (Object element : elements) {
			if (element == null || !ImmutableValues.isDeeplyImmutable(element.getClass())) {
				return null;
			}
		}
		return elements;
	}

	synchronized String findJson(List<?> list, Object[] elements) {
		for (int i = 0; i < SIZE; i++) {
			if (this.lists[i] == list && sameElements(this.listElements[i], elements)) {
				return this.listJson[i];
			}
		}
		return null;
	}

	synchronized void rememberJson(List<?> list, Object[] elements, String json) {
		this.lists[this.nextList] = list;
		this.listElements[this.nextList] = elements;
		this.listJson[this.nextList] = json;
		this.nextList = (this.nextList + 1) % SIZE;
	}

	private static boolean sameElements(Object[] kept, Object[] now) {
		if (kept.length != now.length) {
			return false;
		}
		for (int i = 0; i < kept.length; i++) {
			if (kept[i] != now[i]) {
				return false;
			}
		}
		return true;
	}

}
