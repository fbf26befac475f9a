/**
 * The end-to-end conformance suite of the transport: every case written once and run against every composition
 * ({@link dev.msgtrans.testkit.e2e.E2eTargets}: each real variant and each preset) over TCP and in memory; plus the
 * helpers the cases share (event recording, raw frames, raw connections).
 */
package dev.msgtrans.testkit.e2e;
