/**
 * A runnable demonstration of the transport: {@link dev.msgtrans.core.demo.EchoDemo} starts an echo server, drives
 * it with a client, and prints what happened and both sides' statistics.
 */
package dev.msgtrans.core.demo;
