package dev.msgtrans.stress.runner;

/**
 * One graded outcome of a test: the observed result (or the declared pattern for outcomes never observed), how it
 * is graded, how often it was seen, and the property's description of it.
 */
public record OutcomeCount(String id, String expect, long count, String description) {
}
