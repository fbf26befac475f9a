package dev.msgtrans.harness.serve;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.PacketType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The handlers {@link ServeMain} can run, by name, each answering the environment request
 * ({@link #ENV_BIZ_TYPE}) as well: that is how a load generator on another machine learns which server it measured.
 */
public final class ServeHandlers {

    /**
     * A request of this business type is answered with the server's {@code env.json} (empty if it has none) instead
     * of being handed to the named handler. The load generators use {@code bizType} 1, so a measurement never
     * meets it (the wire field is one byte: 0xEE, "env").
     */
    public static final int ENV_BIZ_TYPE = 0xEE;

    /** Answers every request with its payload, sends every one-way packet back ({@link MessageHandler#echo()}). */
    public static final String ECHO = "echo";

    /** Answers every request with an empty payload and drops one-way packets: the server's cost without the copy. */
    public static final String EMPTY = "empty";

    public static final List<String> NAMES = List.of(ECHO, EMPTY);

    private ServeHandlers() {
    }

    /**
     * @param envFile read on each environment request (the workbench writes it once the server is bound), or null
     * @throws IllegalArgumentException for an unknown name, naming the known ones
     */
    public static MessageHandler named(String name, Path envFile) {
        MessageHandler inner = switch (name) {
            case ECHO -> MessageHandler.echo();
            case EMPTY -> (ctx, p) -> {
                if (p.type() == PacketType.REQUEST) {
                    ctx.reply(p, new byte[0]);
                }
            };
            default -> throw new IllegalArgumentException("unknown handler '" + name + "'; known handlers: "
                    + String.join(", ", NAMES));
        };
        return (ctx, p) -> {
            if (p.type() == PacketType.REQUEST && p.bizType() == ENV_BIZ_TYPE) {
                ctx.reply(p, environment(envFile));
            } else {
                inner.onMessage(ctx, p);
            }
        };
    }

    private static byte[] environment(Path envFile) {
        if (envFile == null) {
            return new byte[0];
        }
        try {
            return Files.readAllBytes(envFile);
        } catch (IOException e) {
            // not written yet, or removed: the client records that the server sent none
            return new byte[0];
        }
    }
}
