/**
 * JMH profilers of the harness, passed to JMH by class name ({@code -prof
 * dev.msgtrans.harness.profile.CpuTimeProfiler}); the workbench adds them under short names ({@code --profiler
 * cpu}).
 */
package dev.msgtrans.harness.profile;
