/**
 * Reliability and security instruments for the transport: a seeded frame fuzzer with an independent reference
 * oracle of the wire format, a soak load generator that checks sequence numbers end to end
 * ({@link dev.msgtrans.testkit.reliability.SoakRunner}, runnable as a child process), and the observers the fault,
 * fuzz and hygiene tests share (session outcomes, thread and descriptor census, raw loopback sockets).
 */
package dev.msgtrans.testkit.reliability;
