package dev.msgtrans.stress.runner;

/**
 * Reads property, component and variant out of a jcstress test name. The convention: properties live in
 * {@code dev.msgtrans.stress.<component>}, and each variant is a nested class named after its alias
 * ({@code SessionRegistryPutGet.LockFree} binds the property to alias {@code lockfree}).
 */
public final class TestNames {

    /** Alias of the deliberately broken control variant. */
    public static final String CONTROL_ALIAS = "broken";

    private TestNames() {
    }

    /** {@code a.b.sessions.SessionRegistryPutGet.Mutex} gives {@code mutex}. */
    public static String variant(String test) {
        return test.substring(test.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code a.b.sessions.SessionRegistryPutGet.Mutex} gives {@code SessionRegistryPutGet}. */
    public static String property(String test) {
        String outer = test.substring(0, Math.max(0, test.lastIndexOf('.')));
        return outer.substring(outer.lastIndexOf('.') + 1);
    }

    /** {@code a.b.sessions.SessionRegistryPutGet.Mutex} gives {@code sessions}. */
    public static String component(String test) {
        String outer = test.substring(0, Math.max(0, test.lastIndexOf('.')));
        String pkg = outer.substring(0, Math.max(0, outer.lastIndexOf('.')));
        return pkg.substring(pkg.lastIndexOf('.') + 1);
    }

    public static boolean isControl(String test) {
        return CONTROL_ALIAS.equals(variant(test));
    }
}
