package dev.msgtrans.core.engine;

/**
 * Whether QUIC can run here, asked before any class that names Netty is loaded: Netty's QUIC codec and BouncyCastle
 * are optional dependencies of core, so a service that never chooses {@link dev.msgtrans.core.Protocol#QUIC} loads
 * none of them, and one that chooses it without them fails at start-up with a message naming what to add.
 * <p>
 * Threading contract: any thread.
 */
final class QuicSupport {

    static final String ADD = "add dev.msgtrans:msgtrans-quic (it brings io.netty:netty-codec-classes-quic, "
            + "io.netty:netty-codec-native-quic with the linux-x86_64 classifier, and org.bouncycastle:bcpkix-jdk18on; "
            + "on another platform add netty-codec-native-quic with its classifier)";

    private QuicSupport() {
    }

    /** @throws IllegalStateException naming the missing dependency, or why the native QUIC library did not load */
    static void require() {
        ClassLoader loader = QuicSupport.class.getClassLoader();
        try {
            Class.forName("io.netty.handler.codec.quic.QuicChannel", false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("Protocol.QUIC needs Netty's QUIC codec on the class path, which is not"
                    + " there: " + ADD, e);
        }
        QuicEndpoint.requireNative();
    }
}
