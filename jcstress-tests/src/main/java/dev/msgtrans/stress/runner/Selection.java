package dev.msgtrans.stress.runner;

import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.infra.runners.TestList;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The tests a regex selects, computed the way jcstress computes it ({@code Pattern.find} over the names in the
 * {@code META-INF/TestList} that its annotation processor wrote), so that the runner can tell which selected tests
 * jcstress silently skipped.
 */
public final class Selection {

    private final List<String> real = new ArrayList<>();
    private final List<String> control = new ArrayList<>();

    private Selection() {
    }

    public static Selection of(String regex) {
        Pattern p = Pattern.compile(regex);
        Selection s = new Selection();
        for (String name : new TreeSet<>(TestList.tests())) {
            if (p.matcher(name).find()) {
                (TestNames.isControl(name) ? s.control : s.real).add(name);
            }
        }
        return s;
    }

    /** Selected bindings of real variants, sorted. */
    public List<String> real() {
        return real;
    }

    /** Selected bindings of the broken control, sorted. */
    public List<String> control() {
        return control;
    }

    public boolean isEmpty() {
        return real.isEmpty() && control.isEmpty();
    }

    /** Threads the test needs: one per actor. */
    public static int threads(String test) {
        TestInfo info = TestList.getInfo(test);
        return info == null ? 0 : info.threads();
    }

    /** The property as stated in the test's {@code @Description}, or empty. */
    public static String description(String test) {
        TestInfo info = TestList.getInfo(test);
        return info == null || info.description() == null ? "" : info.description();
    }

    /** A regex selecting exactly the real bindings among those {@code userRegex} selects. */
    public static String realRegex(String userRegex) {
        return "^(?=.*(?:" + userRegex + "))(?!.*\\.Broken$)";
    }

    /** A regex selecting exactly the control bindings among those {@code userRegex} selects. */
    public static String controlRegex(String userRegex) {
        return "^(?=.*(?:" + userRegex + ")).*\\.Broken$";
    }
}
