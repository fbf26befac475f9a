/**
 * The channel shoot-out, the Java answer to the original's crossbeam/flume/tokio table: JDK queues, JCTools
 * queues, the LMAX Disruptor and {@link java.util.concurrent.SubmissionPublisher}, all bounded with the same
 * capacity, carrying preallocated 64-byte messages in three topologies:
 *
 * <pre>
 *  1 -&gt; 1   OneToOneChannelBenchmark    producer --[channel]--&gt; consumer
 *  P -&gt; 1   ManyToOneChannelBenchmark   producers ==[channel]--&gt; consumer
 *  1 -&gt; N   OneToManyChannelBenchmark   producer --[channel]--&gt; every one of N consumers
 * </pre>
 */
package dev.msgtrans.harness.channels;
