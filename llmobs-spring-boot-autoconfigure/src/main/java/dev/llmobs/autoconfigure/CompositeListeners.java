package dev.llmobs.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;

import dev.llmobs.capture.CaptureListener;
import dev.llmobs.capture.RedactionKind;
import dev.llmobs.failure.RecordingFailures;
import dev.llmobs.web.RejectedIdListener;

/**
 * Every listener bean of a type, in order, as one listener, for the listener types whose
 * packages carry no composite of their own. One that throws is recorded as a recording
 * failure and does not keep the others from being told.
 */
final class CompositeListeners {

	private CompositeListeners() {
	}

	static CaptureListener capture(ObjectProvider<CaptureListener> listeners) {
		List<CaptureListener> all = listeners.orderedStream().toList();
		if (all.isEmpty()) {
			return CaptureListener.NONE;
		}
		if (all.size() == 1) {
			return all.get(0);
		}
		return new CaptureListener() {

			@Override
			public void truncated() {
				for (CaptureListener listener : all) {
					try {
						listener.truncated();
					}
					catch (RuntimeException ex) {
						RecordingFailures.record("a capture listener", ex);
					}
				}
			}

			@Override
			public void redacted(RedactionKind kind, int count) {
				for (CaptureListener listener : all) {
					try {
						listener.redacted(kind, count);
					}
					catch (RuntimeException ex) {
						RecordingFailures.record("a capture listener", ex);
					}
				}
			}

			@Override
			public void failed(Class<?> type) {
				for (CaptureListener listener : all) {
					try {
						listener.failed(type);
					}
					catch (RuntimeException ex) {
						RecordingFailures.record("a capture listener", ex);
					}
				}
			}

		};
	}

	static RejectedIdListener rejectedId(ObjectProvider<RejectedIdListener> listeners) {
		List<RejectedIdListener> all = listeners.orderedStream().toList();
		if (all.isEmpty()) {
			return RejectedIdListener.NONE;
		}
		if (all.size() == 1) {
			return all.get(0);
		}
		return (field, reason) -> {
			for (RejectedIdListener listener : all) {
				try {
					listener.rejected(field, reason);
				}
				catch (RuntimeException ex) {
					RecordingFailures.record("a rejected-id listener", ex);
				}
			}
		};
	}

}
