/**
 * A runnable demonstration of the transport ({@code workbench demo}): {@link dev.msgtrans.workbench.demo.EchoDemo}
 * starts an echo server, drives it with a client, and prints what happened and both sides' statistics. It runs in a
 * child JVM on the harness jar's class path, which carries the variants.
 */
package dev.msgtrans.workbench.demo;
