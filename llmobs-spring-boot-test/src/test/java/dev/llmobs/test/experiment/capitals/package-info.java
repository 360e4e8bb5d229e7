/**
 * A tiny question-answering app the experiment tests run against, outside the module's
 * package so that only {@code @AutoConfigureLlmObsExperiments} brings the experiment
 * beans.
 */
package dev.llmobs.test.experiment.capitals;
