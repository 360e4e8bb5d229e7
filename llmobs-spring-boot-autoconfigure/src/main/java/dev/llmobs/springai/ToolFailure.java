package dev.llmobs.springai;

/**
 * The failure of a tool that Spring AI turned into a result for the model (its default
 * {@code ToolExecutionExceptionProcessor} returns the exception's message instead of
 * throwing), left in the tool observation's context by {@link ToolFailureRecorder} so the
 * tool's span still shows the failure.
 *
 * @param error what the tool threw
 */
record ToolFailure(Throwable error) {

}
