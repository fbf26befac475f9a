/**
 * JMH benchmarks of the MsgTrans components, one sub-package per component (in the packages of the code they
 * exercise), plus the channel shoot-out, end-to-end echo and the Netty reference peer. Build with
 * {@code mvn -pl harness package}; run with {@code java -jar harness/target/benchmarks.jar <regex> [JMH options]}.
 */
package dev.msgtrans.harness;
