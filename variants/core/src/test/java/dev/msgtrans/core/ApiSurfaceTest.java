package dev.msgtrans.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rule that keeps the engine internal, checked on the classes that go into the core jar: every package is
 * either API or internal; no public or protected signature of an API type names an internal type (so a service
 * never has to touch one); the internal packages' public types are exactly the ones other modules of this build
 * need; and the jar has no {@code main} (demo code lives in the workbench). A new package, a new public engine
 * type or a leaking signature fails here, and the fix is a decision written into the lists below.
 */
class ApiSurfaceTest {

    /** What a service may use; {@code Automatic-Module-Name: dev.msgtrans.core} exports these. */
    static final Set<String> API = Set.of("dev.msgtrans.core", "dev.msgtrans.core.codec", "dev.msgtrans.core.spi");

    /** Not API: may change in any release. Its package-info says so, and the javadoc jar leaves it out. */
    static final Set<String> INTERNAL = Set.of("dev.msgtrans.core.engine");

    /**
     * Public only because another package or module of this build reaches them: {@code Engine} from
     * {@link Transport.Builder} and the testkit ({@code ComponentFailureTest}: engine over a hand-built config;
     * {@code THREAD_PREFIX}: the thread census), {@code MemoryHub} and {@code MemoryRawPeer} from the testkit's
     * {@code RawConnection} (raw bytes over the in-memory protocol).
     */
    static final Set<String> INTERNAL_PUBLIC = Set.of(
            "dev.msgtrans.core.engine.Engine",
            "dev.msgtrans.core.engine.MemoryHub",
            "dev.msgtrans.core.engine.MemoryRawPeer");

    @Test
    void everyPackageIsApiOrInternal() throws Exception {
        Set<String> unclassified = new TreeSet<>();
        for (Class<?> c : jarClasses()) {
            String pkg = c.getPackageName();
            if (!API.contains(pkg) && !INTERNAL.contains(pkg)) {
                unclassified.add(pkg);
            }
        }
        assertTrue(unclassified.isEmpty(), "packages neither API nor internal (add each to one list): " + unclassified);
    }

    @Test
    void internalPackagesExposeOnlyTheListedTypes() throws Exception {
        Set<String> exposed = new TreeSet<>();
        for (Class<?> c : jarClasses()) {
            if (INTERNAL.contains(c.getPackageName()) && c.getEnclosingClass() == null
                    && Modifier.isPublic(c.getModifiers())) {
                exposed.add(c.getName());
            }
        }
        assertEquals(new TreeSet<>(INTERNAL_PUBLIC), exposed,
                "public types of internal packages: make a new one package-private, or list it with who needs it");
    }

    @Test
    void apiSignaturesNameNoInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : jarClasses()) {
            if (API.contains(c.getPackageName()) && visible(c)) {
                leaks.addAll(leaks(c));
            }
        }
        assertTrue(leaks.isEmpty(), "API signatures that expose internal types:\n  " + String.join("\n  ", leaks));
    }

    @Test
    void noMainInTheLibrary() throws Exception {
        List<String> mains = new ArrayList<>();
        for (Class<?> c : jarClasses()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals("main") && Modifier.isStatic(m.getModifiers())
                        && List.of(m.getParameterTypes()).equals(List.of(String[].class))) {
                    mains.add(c.getName());
                }
            }
        }
        assertTrue(mains.isEmpty(), "demo or tool code belongs in cli, not in the core jar: " + mains);
    }

    /** Public, and every enclosing class public too (a public nested class of a package-private one is not API). */
    private static boolean visible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            boolean inherited = k != c || k.getEnclosingClass() != null;
            int mod = k.getModifiers();
            if (!(Modifier.isPublic(mod) || inherited && Modifier.isProtected(mod))) {
                return false;
            }
        }
        return !c.isAnonymousClass() && !c.isLocalClass() && !c.isSynthetic();
    }

    /** Whether a subclass outside the package could see a protected member: not for final classes. */
    private static boolean visible(Class<?> owner, int modifiers) {
        return Modifier.isPublic(modifiers)
                || Modifier.isProtected(modifiers) && !Modifier.isFinal(owner.getModifiers()) && !owner.isInterface();
    }

    static List<String> leaks(Class<?> c) {
        List<String> out = new ArrayList<>();
        check(out, c.getName() + " extends", c.getGenericSuperclass());
        for (Type t : c.getGenericInterfaces()) {
            check(out, c.getName() + " implements", t);
        }
        for (TypeVariable<?> v : c.getTypeParameters()) {
            check(out, c.getName() + " <" + v.getName() + ">", v);
        }
        for (Field f : c.getDeclaredFields()) {
            if (visible(c, f.getModifiers()) && !f.isSynthetic()) {
                check(out, c.getName() + "." + f.getName(), f.getGenericType());
            }
        }
        List<Executable> executables = new ArrayList<>(List.of(c.getDeclaredMethods()));
        executables.addAll(List.<Constructor<?>>of(c.getDeclaredConstructors()));
        for (Executable e : executables) {
            if (!visible(c, e.getModifiers()) || e.isSynthetic() || e instanceof Method m && m.isBridge()) {
                continue;
            }
            String where = c.getName() + "." + e.getName() + "(...)";
            if (e instanceof Method m) {
                check(out, where + " returns", m.getGenericReturnType());
            }
            for (Type t : e.getGenericParameterTypes()) {
                check(out, where + " takes", t);
            }
            for (Type t : e.getGenericExceptionTypes()) {
                check(out, where + " throws", t);
            }
            for (TypeVariable<?> v : e.getTypeParameters()) {
                check(out, where + " <" + v.getName() + ">", v);
            }
        }
        return out;
    }

    private static void check(List<String> out, String where, Type type) {
        if (type == null) {
            return;
        }
        if (type instanceof Class<?> k) {
            while (k.isArray()) {
                k = k.getComponentType();
            }
            if (INTERNAL.contains(k.getPackageName())) {
                out.add(where + " " + k.getName());
            }
        } else if (type instanceof ParameterizedType p) {
            check(out, where, p.getRawType());
            check(out, where, p.getOwnerType());
            for (Type a : p.getActualTypeArguments()) {
                check(out, where, a);
            }
        } else if (type instanceof GenericArrayType g) {
            check(out, where, g.getGenericComponentType());
        } else if (type instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                check(out, where, b);
            }
            for (Type b : w.getLowerBounds()) {
                check(out, where, b);
            }
        } else if (type instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                if (!(b instanceof TypeVariable<?>)) { // a bound on another variable is checked where that one is
                    check(out, where, b);
                }
            }
        }
    }

    /** Every class compiled into the core jar: the directory (or jar) {@link Transport} is loaded from. */
    static List<Class<?>> jarClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Transport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(root), "expected the compiled classes as a directory, was " + root);
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String rel = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".");
                String name = rel.substring(0, rel.length() - ".class".length());
                if (!name.endsWith("package-info") && !name.equals("module-info")) {
                    classes.add(Class.forName(name, false, ApiSurfaceTest.class.getClassLoader()));
                }
            }
        }
        assertTrue(classes.size() > 50, "found only " + classes.size() + " classes under " + root);
        return classes;
    }
}
