package io.github.apiban4j.examples.cli;

import io.github.apiban4j.address.AddressFormatException;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.client.ApibanException;
import io.github.apiban4j.client.ApibanUnauthorizedException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code apiban check IP}: is it banned here, and at APIBAN; scriptable like {@code grep}. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Says whether an address is banned here (exit 0) or not (exit 1).",
    description = {
        "Says whether an address (or prefix) is banned here, from the local state and from what "
            + "the backend enforces, when it was reported and when it expires, whether it is "
            + "pinned, unbanned or allowlisted; and, when a key is available, whether APIBAN "
            + "lists it now (one request; --local skips it)."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  apiban check 198.51.100.7",
        "  apiban check --local 2001:db8::1 || echo 'not banned'",
        "  apiban check 203.0.113.0/28 --json",
        "",
        "Exit status: 0 banned here; 1 not banned here (whatever APIBAN says); 64 bad usage; "
            + "78 bad configuration."})
final class CheckCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Parameters(index = "0", paramLabel = "IP|CIDR", description = "The address or prefix to check")
  String target;

  @Option(names = "--local", description = "Do not ask APIBAN, even with a key")
  boolean local;

  @Option(names = "--json", description = "Print one JSON object on stdout")
  boolean json;

  private final CliContext context;

  CheckCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    try {
      IpPrefix address = parse(target);
      Settings settings = Settings.resolve(options, context);
      Instant now = context.clock().instant();
      LocalState state = LocalState.read(settings.statePath());
      KernelView kernel = KernelView.read(settings);
      AddressCheck check = AddressCheck.of(address, state.state().orElse(null),
          settings.enforcement(), now, kernel.entries());
      Optional<Boolean> listed = Optional.empty();
      String remote;
      if (local) {
        remote = "APIBAN not asked (--local)";
      } else if (!address.isSingleAddress()) {
        remote = "APIBAN not asked (it checks single addresses)";
      } else if (!settings.hasKey()) {
        remote = "APIBAN not asked (no key)";
      } else {
        try {
          listed = Optional.of(settings.client().check(address.address()));
          remote = listed.get() ? "listed at APIBAN" : "not listed at APIBAN";
        } catch (ApibanUnauthorizedException e) {
          throw e; // a refused key is an error, never "not listed"
        } catch (ApibanException e) {
          remote = "APIBAN could not be asked: " + Failure.message(e);
        }
      }
      if (json) {
        Optional<Boolean> apiban = listed;
        String note = remote;
        context.out().println(JsonReport.write(w -> {
          w.name("address").value(address.toString());
          w.name("banned").value(check.banned());
          w.name("wanted").value(check.wanted());
          w.name("enforced").value(check.enforced().orElse(null));
          w.name("pinned").value(check.pinned());
          w.name("refusal").value(check.refusal().map(r -> r.key()).orElse(null));
          w.name("matchedBy").value(check.matchedBy().map(Object::toString).orElse(null));
          w.name("lastSeen").value(check.lastSeen().map(Object::toString).orElse(null));
          w.name("expires").value(check.expires().map(Object::toString).orElse(null));
          w.name("apiban").value(apiban.orElse(null));
          w.name("apibanNote").value(note);
          w.name("backend").value(kernel.backend());
          w.name("backendProblem").value(kernel.problem().orElse(null));
        }));
      } else {
        context.out().println(check.describe() + "; " + remote);
        kernel.problem().ifPresent(p -> context.err().println("apiban: backend "
            + kernel.backend() + " could not be read (" + p + "); the answer is the local "
            + "state's"));
      }
      return check.banned() ? ExitCode.OK : ExitCode.SOFTWARE;
    } catch (Exception e) {
      return Failure.report(context, e);
    }
  }

  /** The argument as an address or prefix; a bad one is a usage error that quotes it safely. */
  static IpPrefix parse(String text) throws UsageException {
    try {
      return IpPrefix.parse(text);
    } catch (AddressFormatException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
