package io.github.apiban4j.bench;

import java.util.List;

/**
 * Everything one run of the harness measured.
 *
 * @param environment where and when
 * @param mode {@code quick} or {@code full}
 * @param plan what was measured, how often
 * @param rows every comparison, those against one process per address included
 * @param perAddress the processes per address that were timed
 * @param cli the CLI's syncs, if run
 */
record Report(Environment environment, String mode, Plan plan, List<Row> rows,
    List<PerAddress> perAddress, List<CliResult> cli) {}
