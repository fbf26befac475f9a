/**
 * Switching a running service between compositions: choosing the alias (preset, spec, configuration, system
 * property), checking which variants the class path offers, and judging a canary by its
 * {@link dev.msgtrans.core.TransportStats} counters against a control.
 */
package dev.msgtrans.guide.switching;
