package dev.msgtrans.stress.runner;

import java.util.List;

/**
 * What the runner concludes about one jcstress test.
 *
 * @param test        jcstress test name, e.g. {@code dev.msgtrans.stress.sessions.SessionRegistryPutIfAbsent.Mutex}
 * @param property    the property class, e.g. {@code SessionRegistryPutIfAbsent}
 * @param component   its package's last segment, e.g. {@code sessions}
 * @param variant     the variant alias, e.g. {@code mutex}
 * @param description the property, as stated in its {@code @Description}
 * @param samples     how many outcomes jcstress recorded
 * @param verdict     jcstress's verdict on the outcomes
 * @param status      jcstress's run status ({@code NORMAL}, {@code TEST_ERROR}, ...) or {@code ABSENT}
 * @param outcomes    observed and declared outcomes with their counts
 * @param messages    jcstress's messages (failures, exceptions, VM output) and the runner's own notes
 */
public record TestVerdict(String test, String property, String component, String variant, String description,
                          long samples, Verdict verdict, String status, List<OutcomeCount> outcomes,
                          List<String> messages) {

    /** True for the deliberately broken control variant. */
    public boolean control() {
        return TestNames.CONTROL_ALIAS.equals(variant);
    }
}
