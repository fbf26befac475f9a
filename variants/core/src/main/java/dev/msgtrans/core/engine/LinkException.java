package dev.msgtrans.core.engine;

import java.io.IOException;

/**
 * A link frame or handshake broke its protocol (a WebSocket frame unmasked where it must be masked, an upgrade
 * request without a key): the session closes as for a bad msgtrans frame, with {@link #cause} as the
 * {@code TransportError}'s cause, after the replies to what came before it. {@link #closeCode} is the WebSocket
 * status the close message carries (RFC 6455, 7.4.1).
 */
final class LinkException extends IOException {

    private static final long serialVersionUID = 1L;

    final String cause;
    final int closeCode;

    LinkException(String cause, int closeCode, String message) {
        super(message);
        this.cause = cause;
        this.closeCode = closeCode;
    }
}
