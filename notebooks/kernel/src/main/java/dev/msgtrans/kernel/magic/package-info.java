/**
 * Line magics, the {@code %name args} lines IJava and JJava understand: {@code %jars} and {@code %classpath} add to
 * the class path of the following cells, so one notebook runs on this kernel and on theirs.
 */
package dev.msgtrans.kernel.magic;
