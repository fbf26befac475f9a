package dev.msgtrans.guide.port;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The presence service's messages, as msgtrans 1.0 biz types with UTF-8 payloads.
 *
 * <pre>
 *  client --JOIN "alice" (request)----&gt; server   reply "ok" | "taken" (this connection joined already)
 *  client --LEAVE "alice" (request)---&gt; server   reply "ok" | "not-joined"
 *  client --WHO (request)-------------&gt; server   reply "alice\nbob" (sorted, distinct)
 *  server --NOTICE "+alice" / "-alice"-&gt; every connection (one-way broadcast; hints, WHO is authoritative)
 *  server --PING (request)------------&gt; client   reply with the same payload
 * </pre>
 */
public final class PresenceProtocol {

    public static final int JOIN = 1;
    public static final int LEAVE = 2;
    public static final int WHO = 3;
    public static final int NOTICE = 4;
    public static final int PING = 5;

    public static final String OK = "ok";
    public static final String TAKEN = "taken";
    public static final String NOT_JOINED = "not-joined";

    private PresenceProtocol() {
    }

    public static byte[] encode(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes a payload; every call returns a new String, equal to but never identical with an earlier one. */
    public static String decode(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public static byte[] encodeUsers(List<String> users) {
        return encode(String.join("\n", users));
    }

    public static List<String> decodeUsers(byte[] payload) {
        String s = decode(payload);
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
    }
}
