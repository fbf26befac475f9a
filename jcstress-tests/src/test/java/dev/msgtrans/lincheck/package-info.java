/**
 * lincheck checks: each component's operations, bound to every variant by a nested subclass of its subject, are
 * linearizable against a sequential model, in stress mode and in model-checking mode; and lincheck must report
 * the broken control as non-linearizable.
 */
package dev.msgtrans.lincheck;
