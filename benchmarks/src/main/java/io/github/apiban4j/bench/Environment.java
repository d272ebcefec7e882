package io.github.apiban4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the figures were taken: the machine, the kernel, the tools and the JDK, and when.
 *
 * @param date UTC, to the second
 * @param cores the processors the JVM sees
 * @param model the CPU's model name from {@code /proc/cpuinfo}
 * @param memoryMb total memory from {@code /proc/meminfo}
 * @param loadAverage the 1-, 5- and 15-minute load averages when the run started
 * @param os {@code PRETTY_NAME} from {@code /etc/os-release}
 * @param kernel {@code /proc/sys/kernel/osrelease}
 * @param jdk {@code java.runtime.version} and {@code java.vm.name}
 * @param tools each tool's first line of {@code --version}
 */
record Environment(String date, int cores, String model, long memoryMb, String loadAverage,
    String os, String kernel, String jdk, Map<String, String> tools) {

  static Environment here() throws IOException {
    Map<String, String> tools = new LinkedHashMap<>();
    for (String tool : new String[] {"ipset", "nft", "iptables"}) {
      tools.put(tool, Tools.run(tool, "--version").lines().findFirst().orElse("").strip());
    }
    return new Environment(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        Runtime.getRuntime().availableProcessors(),
        field(read("/proc/cpuinfo"), "model name", ":"),
        Long.parseLong(field(read("/proc/meminfo"), "MemTotal", ":").replace("kB", "").strip())
            / 1024,
        String.join(" ", java.util.Arrays.copyOf(read("/proc/loadavg").split(" "), 3)),
        field(read("/etc/os-release"), "PRETTY_NAME", "=").replace("\"", ""),
        read("/proc/sys/kernel/osrelease").strip(),
        System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name")
            + ")",
        tools);
  }

  private static String read(String file) throws IOException {
    Path p = Path.of(file);
    return Files.isReadable(p) ? Files.readString(p) : "";
  }

  /** The value after {@code separator} on the first line starting with {@code key}. */
  private static String field(String text, String key, String separator) {
    return text.lines().filter(l -> l.startsWith(key)).findFirst()
        .map(l -> l.substring(l.indexOf(separator) + 1).strip()).orElse("unknown");
  }
}
