/**
 * The standalone server of two-host runs: {@link dev.msgtrans.harness.serve.ServeMain} binds one transport server
 * with a named handler and runs until it is signalled, so that the latency runner ({@code --connect HOST:PORT}) can
 * load it from another process or machine. {@code ./workbench serve} starts it and records its environment.
 */
package dev.msgtrans.harness.serve;
