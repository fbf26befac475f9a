/**
 * Switching a running service between compositions: choosing the alias (preset, spec, configuration, system
 * property), checking which variants the class path offers, and judging a canary against a control: by its
 * {@link dev.msgtrans.core.TransportStats} counters ({@link dev.msgtrans.guide.switching.CanaryCheck}), and by
 * round-trip percentiles and CPU per packet over windows ({@link dev.msgtrans.guide.switching.CanaryWindows} cuts
 * them, {@link dev.msgtrans.guide.switching.CanaryComparison} decides with the workbench's statistics).
 */
package dev.msgtrans.guide.switching;
