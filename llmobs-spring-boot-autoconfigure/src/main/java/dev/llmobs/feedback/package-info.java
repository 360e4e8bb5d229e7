/**
 * User feedback on answers: validated, redacted and recorded against the trace that
 * produced the answer, whenever it arrives.
 */
package dev.llmobs.feedback;
