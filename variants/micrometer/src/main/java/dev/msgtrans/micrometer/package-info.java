/**
 * Micrometer for the transport: {@link dev.msgtrans.micrometer.TransportMetrics} binds a server's or client's
 * {@link dev.msgtrans.core.TransportStats} to a {@code MeterRegistry}. A module of its own so that core and the
 * variants stay free of third-party dependencies: a service that exports metrics through Micrometer adds this one.
 */
package dev.msgtrans.micrometer;
