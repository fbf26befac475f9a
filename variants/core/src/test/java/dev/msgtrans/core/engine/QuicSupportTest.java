package dev.msgtrans.core.engine;

import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Netty is an optional dependency of core: without it the TCP and in-memory engine still links, and choosing QUIC
 * fails at start-up with a message naming what to add. Checked in a class loader that sees core's classes and the
 * JDK only (this module's own test class path has Netty, as an optional dependency).
 */
class QuicSupportTest {

    private static URLClassLoader coreOnly() throws Exception {
        URL core = Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
        return new URLClassLoader(new URL[]{core}, ClassLoader.getPlatformClassLoader());
    }

    @Test
    void withoutNettyTheOtherProtocolsLinkAndQuicNamesWhatToAdd() throws Exception {
        try (URLClassLoader loader = coreOnly()) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName("io.netty.channel.Channel", false, loader));
            // linked and initialised without Netty: what a TCP or in-memory server and client are made of
            for (String name : new String[]{"EngineNode", "EngineServer", "EngineClient", "NioLoop", "MemoryLoop",
                    "QuicLoop", "SessionLifecycle"}) {
                assertEquals(loader, Class.forName("dev.msgtrans.core.engine." + name, true, loader).getClassLoader());
            }
            Method require = Class.forName("dev.msgtrans.core.engine.QuicSupport", true, loader)
                    .getDeclaredMethod("require");
            require.setAccessible(true);
            InvocationTargetException thrown = assertThrows(InvocationTargetException.class, () -> require.invoke(null));
            assertTrue(thrown.getCause() instanceof IllegalStateException, String.valueOf(thrown.getCause()));
            String message = thrown.getCause().getMessage();
            assertTrue(message.contains("msgtrans-quic") && message.contains("netty-codec-native-quic"), message);
        }
    }

    @Test
    void withNettyQuicIsAvailableHere() {
        QuicSupport.require(); // the build's platform has the native library (linux-x86_64)
    }
}
