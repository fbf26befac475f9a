package dev.msgtrans.variants.lockfree;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/*
 * One hot int on its own cache lines, for the components whose scheduling word is written by many threads
 * (actor state, outbound flush flag, count of parked dispatch workers). Padding goes through the class
 * hierarchy, as in JCTools: the JVM keeps a superclass's fields before a subclass's, so 128 bytes of byte
 * fields on each side keep the word away from the object header, from the subclass's read-mostly fields and
 * from neighbouring objects (128 rather than 64 because of the adjacent-line prefetcher). Byte fields rather
 * than longs so that the JDK 15+ field layout cannot slot the word into a gap of the padding.
 */

abstract class PaddedIntPad0 {
    byte p000, p001, p002, p003, p004, p005, p006, p007;
    byte p010, p011, p012, p013, p014, p015, p016, p017;
    byte p020, p021, p022, p023, p024, p025, p026, p027;
    byte p030, p031, p032, p033, p034, p035, p036, p037;
    byte p040, p041, p042, p043, p044, p045, p046, p047;
    byte p050, p051, p052, p053, p054, p055, p056, p057;
    byte p060, p061, p062, p063, p064, p065, p066, p067;
    byte p070, p071, p072, p073, p074, p075, p076, p077;
    byte p080, p081, p082, p083, p084, p085, p086, p087;
    byte p090, p091, p092, p093, p094, p095, p096, p097;
    byte p100, p101, p102, p103, p104, p105, p106, p107;
    byte p110, p111, p112, p113, p114, p115, p116, p117;
    byte p120, p121, p122, p123, p124, p125, p126, p127;
    byte p130, p131, p132, p133, p134, p135, p136, p137;
    byte p140, p141, p142, p143, p144, p145, p146, p147;
    byte p150, p151, p152, p153, p154, p155, p156, p157;
}

abstract class PaddedIntValue extends PaddedIntPad0 {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(PaddedIntValue.class, "value", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Accessed only through the methods below, which name their memory ordering. */
    private volatile int value;

    /** Volatile (sequentially consistent) load. */
    final int lvValue() {
        return value;
    }

    /** Volatile store: orders later loads after it (needed by every "set idle, then re-check" protocol). */
    final void svValue(int v) {
        value = v;
    }

    /** Plain store, for the constructor only (the object is published safely by a final field or a queue). */
    final void spValue(int v) {
        VALUE.set(this, v);
    }

    final boolean casValue(int expect, int update) {
        return VALUE.compareAndSet(this, expect, update);
    }

    final int getAndAddValue(int delta) {
        return (int) VALUE.getAndAdd(this, delta);
    }
}

abstract class PaddedIntPad1 extends PaddedIntValue {
    byte q000, q001, q002, q003, q004, q005, q006, q007;
    byte q010, q011, q012, q013, q014, q015, q016, q017;
    byte q020, q021, q022, q023, q024, q025, q026, q027;
    byte q030, q031, q032, q033, q034, q035, q036, q037;
    byte q040, q041, q042, q043, q044, q045, q046, q047;
    byte q050, q051, q052, q053, q054, q055, q056, q057;
    byte q060, q061, q062, q063, q064, q065, q066, q067;
    byte q070, q071, q072, q073, q074, q075, q076, q077;
    byte q080, q081, q082, q083, q084, q085, q086, q087;
    byte q090, q091, q092, q093, q094, q095, q096, q097;
    byte q100, q101, q102, q103, q104, q105, q106, q107;
    byte q110, q111, q112, q113, q114, q115, q116, q117;
    byte q120, q121, q122, q123, q124, q125, q126, q127;
    byte q130, q131, q132, q133, q134, q135, q136, q137;
    byte q140, q141, q142, q143, q144, q145, q146, q147;
    byte q150, q151, q152, q153, q154, q155, q156, q157;
}

/** Base class of the objects whose one contended int must not share a cache line with anything else. */
abstract class PaddedInt extends PaddedIntPad1 {
}
