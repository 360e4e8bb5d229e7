/**
 * Datasets and experiments in JUnit: run a dataset through the application under test,
 * score every answer, write a report, compare it with a baseline and fail the test on a
 * regression.
 */
package dev.llmobs.test.experiment;
