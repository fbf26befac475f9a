package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.Packet;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Threshold;

/**
 * The engine's JDK Flight Recorder events, named {@code dev.msgtrans.*} in category "MsgTrans": session opened and
 * closed, send refused, inbound packet dropped, and slow handler call. The names and fields are the contract (what a
 * recording and {@code jfr print --events} show); the classes stay package-private.
 * <p>
 * Cost when nobody records: every call site first asks {@link #recording()}, one static read of a boolean, and
 * allocates nothing. Until a recording has been started in this JVM ({@link FlightRecorder#isInitialized()}) no event
 * class is even loaded: on JDK 17 the first load of an {@link Event} subclass sets up JFR's instrumentation, which
 * takes a third of a second. Once JFR is up, each site asks its event's static {@link EventType#isEnabled()} (a
 * field read) before it allocates an event, so a recording that leaves an event off costs that read. We chose the
 * static {@code EventType} over the JDK docs' allocate-then-{@code shouldCommit()} pattern because that pattern
 * relies on the JIT's escape analysis to remove the allocation, which the interpreter and C1 do not, and over a
 * shared probe instance's {@code isEnabled()} because the type's flag is the documented type-level question. A
 * runtime without the {@code jdk.jfr} module (a jlink image, or an application module that does not resolve it)
 * records nothing and never links a JFR class.
 * <p>
 * Threading contract: every method from any thread; {@link #handlerCallBegin} and {@link #handlerCallEnd} in pairs on
 * the same thread.
 */
final class JfrEvents {

    /** Whether the boot layer has {@code jdk.jfr}: if not, no method below links a JFR class. */
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private JfrEvents() {
    }

    /** Whether JFR has been started in this JVM: until then no event can be recorded, and none is looked at. */
    static boolean recording() {
        return AVAILABLE && FlightRecorder.isInitialized();
    }

    static void sessionOpened(Session s) {
        if (recording() && Types.SESSION_OPENED.isEnabled()) {
            SessionOpened e = new SessionOpened();
            e.session = s.id;
            e.peer = s.peer;
            e.commit();
        }
    }

    static void sessionClosed(Session s, CloseReason reason) {
        if (recording() && Types.SESSION_CLOSED.isEnabled()) {
            SessionClosed e = new SessionClosed();
            e.session = s.id;
            e.peer = s.peer;
            e.reason = String.valueOf(reason);
            e.commit();
        }
    }

    /** @param bound {@code "BYTES"} (the byte limit refused) or {@code "FRAMES"} (the queue's frame count did) */
    static void sendRefused(Session s, long bytes, String bound, long queuedBytes, long limit) {
        if (recording() && Types.SEND_REFUSED.isEnabled()) {
            SendRefused e = new SendRefused();
            e.session = s.id;
            e.bytes = bytes;
            e.bound = bound;
            e.queuedBytes = queuedBytes;
            e.limit = limit;
            e.commit();
        }
    }

    /** @param where where the engine discarded them (the same places {@code TransportStats} counts) */
    static void mailboxDrop(Session s, int packets, String where) {
        if (recording() && Types.MAILBOX_DROP.isEnabled()) {
            MailboxDrop e = new MailboxDrop();
            e.session = s.id;
            e.packets = packets;
            e.where = where;
            e.commit();
        }
    }

    /**
     * Before the handler's {@code onMessage}: a begun event, or {@code null} (nothing allocated) when it is not
     * recorded. Typed {@code Object} so that callers name no JFR class.
     */
    static Object handlerCallBegin() {
        if (recording() && Types.HANDLER_CALL.isEnabled()) {
            HandlerCall e = new HandlerCall();
            e.begin();
            return e;
        }
        return null;
    }

    /** After the handler returned or threw: commits {@code call} if it took longer than the threshold. */
    static void handlerCallEnd(Object call, Session s, Packet p) {
        HandlerCall e = (HandlerCall) call;
        e.end();
        if (e.shouldCommit()) {
            e.session = s.id;
            e.packetType = p.type().name();
            e.bizType = p.bizType();
            e.messageId = p.messageId();
            e.commit();
        }
    }

    /** Loaded at the first event after JFR started (registering the event classes then, not at the engine's start). */
    private static final class Types {
        static final EventType SESSION_OPENED = EventType.getEventType(SessionOpened.class);
        static final EventType SESSION_CLOSED = EventType.getEventType(SessionClosed.class);
        static final EventType SEND_REFUSED = EventType.getEventType(SendRefused.class);
        static final EventType MAILBOX_DROP = EventType.getEventType(MailboxDrop.class);
        static final EventType HANDLER_CALL = EventType.getEventType(HandlerCall.class);
    }

    // ---- the events (JFR wants them non-abstract, with primitive or String fields) ---------------------------------

    @Name("dev.msgtrans.SessionOpened")
    @Label("Session Opened")
    @Category("MsgTrans")
    @Description("A server or client session was opened (registered, before its handler's onOpen)")
    static final class SessionOpened extends Event {
        @Label("Session")
        long session;
        @Label("Peer")
        String peer;
    }

    @Name("dev.msgtrans.SessionClosed")
    @Label("Session Closed")
    @Category("MsgTrans")
    @Description("A session was closed, with its CloseReason")
    static final class SessionClosed extends Event {
        @Label("Session")
        long session;
        @Label("Peer")
        String peer;
        @Label("Reason")
        String reason;
    }

    @Name("dev.msgtrans.SendRefused")
    @Label("Send Refused")
    @Category("MsgTrans")
    @Description("A send was refused with OUTBOUND_FULL: the session's outbound byte limit or frame count was reached")
    static final class SendRefused extends Event {
        @Label("Session")
        long session;
        @Label("Frame Bytes")
        @DataAmount
        long bytes;
        @Label("Bound")
        @Description("BYTES: the outbound byte limit; FRAMES: the outbound queue's frame capacity")
        String bound;
        @Label("Queued Bytes")
        @DataAmount
        long queuedBytes;
        @Label("Limit")
        @Description("The byte limit (BYTES) or the frame capacity (FRAMES)")
        long limit;
    }

    @Name("dev.msgtrans.MailboxDrop")
    @Label("Inbound Packets Dropped")
    @Category("MsgTrans")
    @Description("Inbound packets the engine discarded unhandled (counted in TransportStats)")
    static final class MailboxDrop extends Event {
        @Label("Session")
        long session;
        @Label("Packets")
        int packets;
        @Label("Where")
        @Description("HELD_AT_CLOSE: waiting for mailbox room when the session closed; "
                + "ARRIVED_CLOSING: arrived after this side's close began (packetsDiscardedClosing)")
        String where;
    }

    @Name("dev.msgtrans.HandlerCall")
    @Label("Handler Call")
    @Category("MsgTrans")
    @Description("A MessageHandler.onMessage call that took longer than the threshold")
    @Threshold("10 ms")
    static final class HandlerCall extends Event {
        @Label("Session")
        long session;
        @Label("Packet Type")
        String packetType;
        @Label("Biz Type")
        int bizType;
        @Label("Message Id")
        int messageId;
    }
}
