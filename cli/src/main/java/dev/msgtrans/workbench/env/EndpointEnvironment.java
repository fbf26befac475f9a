package dev.msgtrans.workbench.env;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The {@code env.json} of one end of a two-process run ({@code workbench serve}, {@code workbench load}): which
 * process on which machine, from which JDK and sources, played which role. The load side's result directory holds
 * one for each end, so that a figure names both hosts. Immutable.
 *
 * @param role      {@code server} or {@code client}
 * @param pid       the process that served or generated the load (the harness JVM, not the workbench's)
 * @param address   the server's bound address (server), or the address the client connected to (client)
 * @param variant   the preset or variant alias that side ran
 * @param handler   the server's handler ({@code echo}); null for a client
 * @param command   the workbench command line that started it
 * @param startedAt ISO-8601 UTC
 * @param host      the machine
 * @param jdk       the JDK the process runs on
 * @param git       the source revision of the workbench that started it
 * @param warnings  e.g. a server bound to loopback only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointEnvironment(String role, long pid, String address, String variant, String handler,
                                  String command, String startedAt, HostInfo host, JdkInfo jdk, GitInfo git,
                                  List<String> warnings) {

    public static final String SERVER = "server";
    public static final String CLIENT = "client";

    public EndpointEnvironment {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
